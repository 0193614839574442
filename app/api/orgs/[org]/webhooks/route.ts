import { withSession } from "@/lib/api/with-session";
import { listWebhooks, createWebhook } from "@/lib/contracts/webhooks";
import { listWebhooksHandler, createWebhookHandler } from "@/app/api/_handlers/webhooks";

export const GET = withSession(listWebhooks.session, listWebhooksHandler);
export const POST = withSession(createWebhook.session, createWebhookHandler);
