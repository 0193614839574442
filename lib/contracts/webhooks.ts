import { z } from "zod";
import { eventTypeSchema } from "@/lib/delivery/event-types";
import { createWebhookEndpointInput } from "@/lib/webhooks/manage-webhook-endpoints";
import { adminAndSession, deliveriesPageSchema, deliveriesQuery } from "./delivery-fields";
import { id, nullableTimestamp, timestamp } from "./fields";

const webhookSchema = z.object({
  id: id("Webhook endpoint id"),
  url: z
    .string()
    .describe("Where deliveries are POSTed; shown without its path and query to members who cannot manage webhooks"),
  events: z
    .array(z.string())
    .describe(`The event types this endpoint receives (${eventTypeSchema.options.join(", ")})`),
  disabled: z.boolean().describe("True once disabled (it answered 410, or failed for 5 days)"),
  disabledAt: nullableTimestamp("When it was disabled"),
  disabledReason: z.string().nullable().describe("Why it was disabled"),
  failingSince: nullableTimestamp("Start of the current run of failed deliveries; null when healthy"),
  previousSecretExpiresAt: nullableTimestamp("During a rotation: until when the previous secret also signs"),
  createdAt: timestamp("When the endpoint was created"),
});

const secret = z
  .string()
  .describe("The signing secret (`whsec_…`, Standard Webhooks), shown this once; stored only encrypted");

const createBody = z
  .object({
    url: createWebhookEndpointInput.shape.url.describe(
      "An http(s) URL; one that resolves to a loopback, private, link-local or metadata address is refused",
    ),
    events: createWebhookEndpointInput.shape.events.describe("Event types to deliver (at least one)"),
  })
  .strict();

const notFound = { not_found: "No such webhook endpoint in this organisation" };

export const createWebhook = adminAndSession("webhooks.create", "/webhooks", "org:settings", {
  method: "POST",
  summary: "Create a webhook endpoint",
  description:
    "Deliveries follow Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The response carries the signing secret once.",
  body: createBody,
  responses: { 201: webhookSchema.extend({ secret }) },
});

export const listWebhooks = adminAndSession("webhooks.list", "/webhooks", "org:read", {
  method: "GET",
  summary: "List webhook endpoints",
  description: "Every endpoint of the organisation, oldest first; secrets are never returned.",
  responses: { 200: z.object({ webhooks: z.array(webhookSchema).describe("The endpoints") }) },
});

export const deleteWebhook = adminAndSession("webhooks.delete", "/webhooks/{webhookId}", "org:settings", {
  method: "DELETE",
  summary: "Delete a webhook endpoint",
  description: "Deletes the endpoint and its delivery log; pending deliveries are not sent.",
  responses: {
    200: z.object({ id: id("The deleted endpoint's id"), deleted: z.literal(true).describe("Always true") }),
  },
  errors: notFound,
});

export const rotateWebhookSecretContract = adminAndSession(
  "webhooks.rotateSecret",
  "/webhooks/{webhookId}/rotate-secret",
  "org:settings",
  {
    method: "POST",
    summary: "Rotate a webhook's signing secret",
    description:
      "Returns the new secret once. For 24 hours every delivery carries two signatures (new and previous secret) so the receiver can switch over.",
    responses: {
      200: z.object({
        id: id("Webhook endpoint id"),
        secret,
        previousSecretExpiresAt: timestamp("Until when the previous secret also signs"),
      }),
    },
    errors: notFound,
  },
);

export const listWebhookDeliveriesContract = adminAndSession(
  "webhooks.deliveries",
  "/webhooks/{webhookId}/deliveries",
  "org:read",
  {
    method: "GET",
    summary: "List a webhook's deliveries",
    description:
      "Deliveries with status, attempt count, next retry and each attempt's status code and response excerpt.",
    query: deliveriesQuery,
    responses: { 200: deliveriesPageSchema },
    errors: notFound,
  },
);

export const replayWebhookDeliveryContract = adminAndSession(
  "webhooks.replay",
  "/webhooks/{webhookId}/deliveries/{deliveryId}/replay",
  "org:settings",
  {
    method: "POST",
    summary: "Replay a webhook delivery",
    description: "Sends the delivery again now with the same `webhook-id` and a fresh retry schedule.",
    responses: {
      202: z.object({ id: id("The delivery id"), status: z.literal("pending").describe("Queued to be sent now") }),
    },
    errors: { ...notFound, conflict: "The endpoint is disabled, or the delivery is being sent right now" },
  },
);

export const WEBHOOK_CONTRACTS = [
  createWebhook.v1,
  createWebhook.session,
  listWebhooks.v1,
  listWebhooks.session,
  deleteWebhook.v1,
  deleteWebhook.session,
  rotateWebhookSecretContract.v1,
  rotateWebhookSecretContract.session,
  listWebhookDeliveriesContract.v1,
  listWebhookDeliveriesContract.session,
  replayWebhookDeliveryContract.v1,
  replayWebhookDeliveryContract.session,
] as const;
