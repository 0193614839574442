import { withSession } from "@/lib/api/with-session";
import { listBudgetPeriods } from "@/lib/budgets";
import { orgBudgetHistoryContract } from "@/lib/contracts/budgets";

export const GET = withSession(orgBudgetHistoryContract, async (ctx, { params, query }) =>
  listBudgetPeriods(ctx, params.budgetId, query),
);
