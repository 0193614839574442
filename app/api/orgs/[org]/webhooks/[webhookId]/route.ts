import { withSession } from "@/lib/api/with-session";
import { deleteWebhook } from "@/lib/contracts/webhooks";
import { deleteWebhookHandler } from "@/app/api/_handlers/webhooks";

export const DELETE = withSession(deleteWebhook.session, deleteWebhookHandler);
