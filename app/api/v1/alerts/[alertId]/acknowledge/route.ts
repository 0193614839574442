import { withApiKey } from "@/lib/api/with-api-key";
import { acknowledgeAlert } from "@/lib/budgets";
import { acknowledgeAlertContract } from "@/lib/contracts/budgets";

export const dynamic = "force-dynamic";

export const POST = withApiKey(acknowledgeAlertContract, async (ctx, { params }) => ({
  alert: await acknowledgeAlert(ctx, params.alertId),
}));
