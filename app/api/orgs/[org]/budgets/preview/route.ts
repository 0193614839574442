import { withSession } from "@/lib/api/with-session";
import { previewBudget } from "@/lib/budgets";
import { orgPreviewBudgetContract } from "@/lib/contracts/budgets";

export const POST = withSession(orgPreviewBudgetContract, async (ctx, { body }) => previewBudget(ctx, body));
