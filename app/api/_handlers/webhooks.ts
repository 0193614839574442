import { reply } from "@/lib/api/define-contract";
import { can } from "@/lib/auth/permissions";
import type {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveriesContract,
  listWebhooks,
  replayWebhookDeliveryContract,
  rotateWebhookSecretContract,
} from "@/lib/contracts/webhooks";
import { endpointForReader } from "@/lib/webhooks/endpoint-for-reader";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
} from "@/lib/webhooks/manage-webhook-endpoints";
import { listWebhookDeliveries, replayWebhookDelivery } from "@/lib/webhooks/webhook-deliveries";
import type { SharedHandler as Handler } from "./shared-handler";

/* One handler per webhook operation, shared by the /api/v1 (admin key) and dashboard (session) routes. */

export const createWebhookHandler: Handler<typeof createWebhook> = async (ctx, { body }) => {
  const { endpoint, secret } = await createWebhookEndpoint(ctx, body);
  return reply(201, { ...endpoint, secret });
};

export const listWebhooksHandler: Handler<typeof listWebhooks> = async (ctx) => {
  // Session readers without org:settings see URLs without path/query; an admin key sees them whole.
  const mayManage = ctx.role === null ? ctx.scopes.includes("admin") : can(ctx.role, "org:settings");
  return { webhooks: (await listWebhookEndpoints(ctx)).map((e) => endpointForReader(e, mayManage)) };
};

export const deleteWebhookHandler: Handler<typeof deleteWebhook> = async (ctx, { params }) => {
  await deleteWebhookEndpoint(ctx, params.webhookId);
  return { id: params.webhookId, deleted: true };
};

export const rotateWebhookSecretHandler: Handler<typeof rotateWebhookSecretContract> = async (ctx, { params }) => ({
  id: params.webhookId,
  ...(await rotateWebhookSecret(ctx, params.webhookId)),
});

export const listWebhookDeliveriesHandler: Handler<typeof listWebhookDeliveriesContract> = async (
  ctx,
  { params, query },
) => listWebhookDeliveries(ctx, params.webhookId, query);

export const replayWebhookDeliveryHandler: Handler<typeof replayWebhookDeliveryContract> = async (ctx, { params }) => {
  await replayWebhookDelivery(ctx, params.webhookId, params.deliveryId);
  return reply(202, { id: params.deliveryId, status: "pending" as const });
};
