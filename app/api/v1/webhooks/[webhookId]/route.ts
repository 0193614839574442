import { withApiKey } from "@/lib/api/with-api-key";
import { deleteWebhook } from "@/lib/contracts/webhooks";
import { deleteWebhookHandler } from "@/app/api/_handlers/webhooks";

export const dynamic = "force-dynamic";

export const DELETE = withApiKey(deleteWebhook.v1, deleteWebhookHandler);
