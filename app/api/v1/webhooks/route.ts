import { withApiKey } from "@/lib/api/with-api-key";
import { listWebhooks, createWebhook } from "@/lib/contracts/webhooks";
import { listWebhooksHandler, createWebhookHandler } from "@/app/api/_handlers/webhooks";

export const dynamic = "force-dynamic";

export const GET = withApiKey(listWebhooks.v1, listWebhooksHandler);
export const POST = withApiKey(createWebhook.v1, createWebhookHandler);
