import { withApiKey } from "@/lib/api/with-api-key";
import { replayWebhookDeliveryContract } from "@/lib/contracts/webhooks";
import { replayWebhookDeliveryHandler } from "@/app/api/_handlers/webhooks";

export const dynamic = "force-dynamic";

export const POST = withApiKey(replayWebhookDeliveryContract.v1, replayWebhookDeliveryHandler);
