import { withApiKey } from "@/lib/api/with-api-key";
import { getBudgetStatus } from "@/lib/budgets";
import { budgetStatusContract } from "@/lib/contracts/budgets";

export const dynamic = "force-dynamic";

export const GET = withApiKey(budgetStatusContract, async (ctx, { params, query }) =>
  getBudgetStatus(ctx, params.budgetId, query),
);
