import { withSession } from "@/lib/api/with-session";
import { replayWebhookDeliveryContract } from "@/lib/contracts/webhooks";
import { replayWebhookDeliveryHandler } from "@/app/api/_handlers/webhooks";

export const POST = withSession(replayWebhookDeliveryContract.session, replayWebhookDeliveryHandler);
