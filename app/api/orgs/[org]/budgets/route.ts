import { reply } from "@/lib/api/define-contract";
import { withSession } from "@/lib/api/with-session";
import { createBudget, listBudgets } from "@/lib/budgets";
import { orgCreateBudgetContract, orgListBudgetsContract } from "@/lib/contracts/budgets";

export const GET = withSession(orgListBudgetsContract, async (ctx) => ({ budgets: await listBudgets(ctx) }));
export const POST = withSession(orgCreateBudgetContract, async (ctx, { body }) =>
  reply(201, { budget: await createBudget(ctx, body) }),
);
