import { withSession } from "@/lib/api/with-session";
import { acknowledgeAlert } from "@/lib/budgets";
import { orgAcknowledgeAlertContract } from "@/lib/contracts/budgets";

export const POST = withSession(orgAcknowledgeAlertContract, async (ctx, { params }) => ({
  alert: await acknowledgeAlert(ctx, params.alertId),
}));
