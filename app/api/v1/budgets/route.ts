import { reply } from "@/lib/api/define-contract";
import { withApiKey } from "@/lib/api/with-api-key";
import { createBudget, listBudgets } from "@/lib/budgets";
import { createBudgetContract, listBudgetsContract } from "@/lib/contracts/budgets";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listBudgetsContract, async (ctx) => ({ budgets: await listBudgets(ctx) }));
export const POST = withApiKey(createBudgetContract, async (ctx, { body }) =>
  reply(201, { budget: await createBudget(ctx, body) }),
);
