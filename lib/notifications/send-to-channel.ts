import { db } from "@/lib/db";
import type { DeliveryToSend, SendOutcome } from "@/lib/delivery/send-outcome";
import { appBaseUrl } from "@/lib/env/app-url";
import { checkOutboundUrl } from "@/lib/net/check-url";
import { postChecked } from "@/lib/net/post-checked";
import { describeEvent, type EventSummary } from "./describe-event";
import { emailMessage } from "./email-message";
import { sendEmail } from "./send-email";
import { slackDigest, slackMessage } from "./slack-blocks";
import { openSlackUrl } from "./slack-url";

/** The events a delivery speaks of: itself, or for a digest the events it gathered. */
async function summaries(d: DeliveryToSend, orgSlug: string): Promise<{ items: EventSummary[]; digest?: string }> {
  const base = appBaseUrl();
  if (d.event.type !== "channel.digest") return { items: [describeEvent(d.event, orgSlug, base)] };
  const ids = ((d.event.data as { eventIds?: string[] }).eventIds ?? []).slice(0, 500);
  const events = await db().outboxEvent.findMany({
    where: { orgId: d.orgId, id: { in: ids } },
    orderBy: { createdAt: "asc" },
  });
  const items = events.map((e) => describeEvent(e, orgSlug, base));
  return { items, digest: `Burnrate daily digest: ${items.length} alert${items.length === 1 ? "" : "s"}` };
}

/** One message to a Slack or email channel (the Slack URL is checked again at each delivery). */
export async function sendToChannel(d: DeliveryToSend): Promise<SendOutcome> {
  const channel = await db().notificationChannel.findUnique({
    where: { orgId_id: { orgId: d.orgId, id: d.targetId } },
    include: { org: { select: { slug: true } } },
  });
  if (!channel) return { ok: false, giveUp: true, error: "the channel was deleted" };
  const { items, digest } = await summaries(d, channel.org.slug);
  if (channel.kind === "email") {
    const response = await sendEmail({ to: channel.emailRecipients, ...emailMessage(items, digest) });
    return { ok: true, excerpt: response.slice(0, 1024) };
  }
  if (!channel.slackUrlEncrypted) return { ok: false, giveUp: true, error: "the channel has no Slack URL" };
  const target = await checkOutboundUrl(openSlackUrl(d.orgId, channel.slackUrlEncrypted), "slackWebhookUrl");
  const body = JSON.stringify(digest ? slackDigest(items, digest) : slackMessage(items[0]!));
  const res = await postChecked(target, body, {});
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  return { ok, statusCode: res.statusCode, excerpt: res.excerpt, error: ok ? null : `HTTP ${res.statusCode}` };
}
