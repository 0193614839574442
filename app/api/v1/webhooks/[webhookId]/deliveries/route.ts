import { withApiKey } from "@/lib/api/with-api-key";
import { listWebhookDeliveriesContract } from "@/lib/contracts/webhooks";
import { listWebhookDeliveriesHandler } from "@/app/api/_handlers/webhooks";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listWebhookDeliveriesContract.v1, listWebhookDeliveriesHandler);
