import { withSession } from "@/lib/api/with-session";
import { listWebhookDeliveriesContract } from "@/lib/contracts/webhooks";
import { listWebhookDeliveriesHandler } from "@/app/api/_handlers/webhooks";

export const GET = withSession(listWebhookDeliveriesContract.session, listWebhookDeliveriesHandler);
