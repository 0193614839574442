import { withSession } from "@/lib/api/with-session";
import { deleteBudget, getBudget, updateBudget } from "@/lib/budgets";
import { orgDeleteBudgetContract, orgGetBudgetContract, orgUpdateBudgetContract } from "@/lib/contracts/budgets";

export const GET = withSession(orgGetBudgetContract, async (ctx, { params }) => ({
  budget: await getBudget(ctx, params.budgetId),
}));
export const PATCH = withSession(orgUpdateBudgetContract, async (ctx, { params, body }) => ({
  budget: await updateBudget(ctx, params.budgetId, body),
}));
export const DELETE = withSession(orgDeleteBudgetContract, async (ctx, { params }) => {
  await deleteBudget(ctx, params.budgetId);
  return { deleted: true as const };
});
