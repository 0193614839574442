import { z } from "zod";
import { parseInput } from "@/lib/errors/parse-input";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { checkOutboundUrl } from "@/lib/net/check-url";
import type { OrgContext } from "@/lib/tenancy/context";
import { type ChannelView, channelView } from "./channel-view";
import { openSlackUrl, sealSlackUrl } from "./slack-url";

const name = z.string().trim().min(1).max(100);
const mode = z.enum(["immediate", "digest"]).default("immediate");
const slackWebhookUrl = z.string().url().max(2048);
const recipients = z
  .array(z.string().trim().toLowerCase().email())
  .min(1)
  .max(50)
  .transform((r) => [...new Set(r)]);

export const createChannelInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("slack"), name, mode, slackWebhookUrl }).strict(),
  z.object({ kind: z.literal("email"), name, mode, recipients }).strict(),
]);
export type CreateChannelInput = z.input<typeof createChannelInput>;

export const updateChannelInput = z
  .object({
    name: name.optional(),
    mode: mode.unwrap().optional(),
    slackWebhookUrl: slackWebhookUrl.optional(),
    recipients: recipients.optional(),
  })
  .strict();
export type UpdateChannelInput = z.input<typeof updateChannelInput>;

function view(c: Parameters<typeof channelView>[0]): ChannelView {
  return channelView(c, c.slackUrlEncrypted ? openSlackUrl(c.orgId, c.slackUrlEncrypted) : null);
}

/** A Slack incoming webhook (URL checked against private addresses, stored encrypted) or an email list. */
export async function createChannel(ctx: OrgContext, input: CreateChannelInput): Promise<ChannelView> {
  const parsed = parseInput(createChannelInput, input);
  if (parsed.kind === "slack") await checkOutboundUrl(parsed.slackWebhookUrl, "slackWebhookUrl");
  const row = await db().notificationChannel.create({
    data: {
      orgId: ctx.orgId,
      kind: parsed.kind,
      name: parsed.name,
      mode: parsed.mode,
      slackUrlEncrypted: parsed.kind === "slack" ? sealSlackUrl(ctx.orgId, parsed.slackWebhookUrl) : null,
      emailRecipients: parsed.kind === "email" ? parsed.recipients : [],
    },
  });
  await recordAudit(ctx, {
    action: "channel.create",
    targetType: "notification_channel",
    targetId: row.id,
    metadata: { kind: row.kind, name: row.name },
  });
  return view(row);
}

export async function listChannels(ctx: OrgContext): Promise<ChannelView[]> {
  const rows = await db().notificationChannel.findMany({ where: { orgId: ctx.orgId }, orderBy: { createdAt: "asc" } });
  return rows.map(view);
}

export async function findChannel(ctx: OrgContext, id: string) {
  const row = await db().notificationChannel.findUnique({ where: { orgId_id: { orgId: ctx.orgId, id } } });
  if (!row) throw AppError.notFound("Channel not found");
  return row;
}

export async function updateChannel(ctx: OrgContext, id: string, input: UpdateChannelInput): Promise<ChannelView> {
  const patch = parseInput(updateChannelInput, input);
  const channel = await findChannel(ctx, id);
  if (patch.slackWebhookUrl !== undefined && channel.kind !== "slack")
    throw AppError.invalid("slackWebhookUrl", "only a Slack channel has a webhook URL");
  if (patch.recipients !== undefined && channel.kind !== "email")
    throw AppError.invalid("recipients", "only an email channel has recipients");
  if (patch.slackWebhookUrl) await checkOutboundUrl(patch.slackWebhookUrl, "slackWebhookUrl");
  const row = await db().notificationChannel.update({
    where: { orgId_id: { orgId: ctx.orgId, id } },
    data: {
      name: patch.name,
      mode: patch.mode,
      // A channel switched to digest starts its first digest window now.
      lastDigestAt: patch.mode === "digest" && channel.mode !== "digest" ? new Date() : undefined,
      slackUrlEncrypted: patch.slackWebhookUrl ? sealSlackUrl(ctx.orgId, patch.slackWebhookUrl) : undefined,
      emailRecipients: patch.recipients,
    },
  });
  await recordAudit(ctx, {
    action: "channel.update",
    targetType: "notification_channel",
    targetId: id,
    metadata: { fields: Object.keys(patch) },
  });
  return view(row);
}

/** Deletes a channel with its delivery log (budgets that named it simply stop notifying it). */
export async function deleteChannel(ctx: OrgContext, id: string): Promise<void> {
  await findChannel(ctx, id);
  await db().$transaction([
    db().delivery.deleteMany({ where: { orgId: ctx.orgId, target: "channel", targetId: id } }),
    db().notificationChannel.delete({ where: { orgId_id: { orgId: ctx.orgId, id } } }),
  ]);
  await recordAudit(ctx, { action: "channel.delete", targetType: "notification_channel", targetId: id });
}
