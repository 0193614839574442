import { withSession } from "@/lib/api/with-session";
import { getBudgetStatus } from "@/lib/budgets";
import { orgBudgetStatusContract } from "@/lib/contracts/budgets";

export const GET = withSession(orgBudgetStatusContract, async (ctx, { params, query }) =>
  getBudgetStatus(ctx, params.budgetId, query),
);
