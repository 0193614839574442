import { withApiKey } from "@/lib/api/with-api-key";
import { deleteBudget, getBudget, updateBudget } from "@/lib/budgets";
import { deleteBudgetContract, getBudgetContract, updateBudgetContract } from "@/lib/contracts/budgets";

export const dynamic = "force-dynamic";

export const GET = withApiKey(getBudgetContract, async (ctx, { params }) => ({
  budget: await getBudget(ctx, params.budgetId),
}));
export const PATCH = withApiKey(updateBudgetContract, async (ctx, { params, body }) => ({
  budget: await updateBudget(ctx, params.budgetId, body),
}));
export const DELETE = withApiKey(deleteBudgetContract, async (ctx, { params }) => {
  await deleteBudget(ctx, params.budgetId);
  return { deleted: true as const };
});
