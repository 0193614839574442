import { z } from "zod";
import { createChannelInput, updateChannelInput } from "@/lib/notifications/manage-channels";
import { adminAndSession, deliveriesPageSchema, deliveriesQuery } from "./delivery-fields";
import { id, nullableTimestamp, timestamp } from "./fields";

const [slackInput, emailInput] = createChannelInput.options;
const name = slackInput.shape.name.describe("Display name of the channel");
const mode = slackInput.shape.mode.describe("immediate: one message per alert; digest: one message a day");
const slackWebhookUrl = slackInput.shape.slackWebhookUrl.describe(
  "The Slack incoming-webhook URL (a secret: stored encrypted, shown only as its host); private addresses are refused",
);
const recipients = emailInput.shape.recipients.describe("Email addresses (1-50)");

const channelSchema = z.object({
  id: id("Channel id"),
  kind: z.enum(["slack", "email"]).describe("Slack incoming webhook or email"),
  name: z.string().describe("Display name"),
  mode: z.enum(["immediate", "digest"]).describe("immediate, or one daily digest"),
  slackHost: z.string().nullable().describe("Host of the Slack URL (the full URL is never returned)"),
  emailRecipients: z.array(z.string()).describe("Recipients of an email channel"),
  lastDigestAt: nullableTimestamp("When the last daily digest was sent"),
  createdAt: timestamp("When the channel was created"),
});

const notFound = { not_found: "No such channel in this organisation" };

export const createChannelContract = adminAndSession("channels.create", "/channels", "budgets:manage", {
  method: "POST",
  summary: "Create a notification channel",
  description: "A Slack incoming webhook or an email recipient list, notified immediately or in a daily digest.",
  body: z.discriminatedUnion("kind", [
    z.object({ kind: slackInput.shape.kind.describe("slack"), name, mode, slackWebhookUrl }).strict(),
    z.object({ kind: emailInput.shape.kind.describe("email"), name, mode, recipients }).strict(),
  ]),
  responses: { 201: channelSchema },
});

export const listChannelsContract = adminAndSession("channels.list", "/channels", "org:read", {
  method: "GET",
  summary: "List notification channels",
  description: "Every channel of the organisation, oldest first.",
  responses: { 200: z.object({ channels: z.array(channelSchema).describe("The channels") }) },
});

export const getChannelContract = adminAndSession("channels.get", "/channels/{channelId}", "org:read", {
  method: "GET",
  summary: "Get a notification channel",
  description: "One channel; a Slack URL only as its host.",
  responses: { 200: channelSchema },
  errors: notFound,
});

export const updateChannelContract = adminAndSession("channels.update", "/channels/{channelId}", "budgets:manage", {
  method: "PATCH",
  summary: "Change a notification channel",
  description: "Rename it, switch immediate/digest, or replace its Slack URL or recipients.",
  body: z
    .object({
      name: name.optional(),
      mode: updateChannelInput.shape.mode.describe("immediate, or a daily digest"),
      slackWebhookUrl: slackWebhookUrl.optional(),
      recipients: recipients.optional(),
    })
    .strict(),
  responses: { 200: channelSchema },
  errors: notFound,
});

export const deleteChannelContract = adminAndSession("channels.delete", "/channels/{channelId}", "budgets:manage", {
  method: "DELETE",
  summary: "Delete a notification channel",
  description: "Deletes the channel and its delivery log; budgets naming it stop notifying it.",
  responses: {
    200: z.object({ id: id("The deleted channel's id"), deleted: z.literal(true).describe("Always true") }),
  },
  errors: notFound,
});

export const testChannelContract = adminAndSession("channels.test", "/channels/{channelId}/test", "budgets:manage", {
  method: "POST",
  summary: "Send a test message",
  description:
    "Queues a test message to the channel (never digested); its outcome appears in the channel's deliveries.",
  responses: { 202: z.object({ deliveryId: id("The test delivery; follow it in the channel's deliveries") }) },
  errors: notFound,
});

export const listChannelDeliveriesContract = adminAndSession(
  "channels.deliveries",
  "/channels/{channelId}/deliveries",
  "org:read",
  {
    method: "GET",
    summary: "List a channel's deliveries",
    description: "Alerts, tests and digests sent to the channel, with each attempt's status and response excerpt.",
    query: deliveriesQuery,
    responses: { 200: deliveriesPageSchema },
    errors: notFound,
  },
);

export const CHANNEL_CONTRACTS = [
  createChannelContract.v1,
  createChannelContract.session,
  listChannelsContract.v1,
  listChannelsContract.session,
  getChannelContract.v1,
  getChannelContract.session,
  updateChannelContract.v1,
  updateChannelContract.session,
  deleteChannelContract.v1,
  deleteChannelContract.session,
  testChannelContract.v1,
  testChannelContract.session,
  listChannelDeliveriesContract.v1,
  listChannelDeliveriesContract.session,
] as const;
