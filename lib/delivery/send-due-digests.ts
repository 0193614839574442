import { db } from "@/lib/db";
import type { DueDelivery } from "./dispatch-deliveries";
import { insertEvent } from "./insert-event";

/** Midnight UTC of `now`: a digest channel gets one message per UTC day. */
const dayStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/**
 * For each digest channel whose last digest (or creation) was before today, gathers everything held
 * for it since then into one `channel.digest` delivery. Claiming the channel (moving lastDigestAt)
 * in the same transaction makes it once per day however many sweepers run. Returns the new
 * deliveries for the caller to dispatch.
 */
export async function collectDueDigests(now = new Date()): Promise<DueDelivery[]> {
  const start = dayStart(now);
  const due = { OR: [{ lastDigestAt: { lt: start } }, { lastDigestAt: null, createdAt: { lt: start } }] };
  const channels = await db().notificationChannel.findMany({
    where: { mode: "digest", ...due },
    select: { orgId: true, id: true, lastDigestAt: true, createdAt: true },
    take: 200,
  });
  const out: DueDelivery[] = [];
  for (const c of channels) {
    const made = await db().$transaction(async (tx) => {
      const claim = await tx.notificationChannel.updateMany({
        where: { orgId: c.orgId, id: c.id, mode: "digest", ...due },
        data: { lastDigestAt: now },
      });
      if (claim.count === 0) return [];
      const held = await tx.delivery.findMany({
        where: { orgId: c.orgId, targetId: c.id, status: "digest_pending", createdAt: { lte: now } },
        orderBy: { createdAt: "asc" },
        select: { id: true, eventId: true },
      });
      if (held.length === 0) return [];
      const since = (c.lastDigestAt ?? c.createdAt).toISOString();
      const digest = await insertEvent(
        tx,
        c.orgId,
        "channel.digest",
        { since, until: now.toISOString(), eventIds: held.map((h) => h.eventId) },
        [{ target: "channel", targetId: c.id }],
        now,
      );
      await tx.delivery.updateMany({
        where: { orgId: c.orgId, id: { in: held.map((h) => h.id) } },
        data: { status: "digested", digestId: digest.deliveries[0]!.id },
      });
      return digest.deliveries;
    });
    out.push(...made);
  }
  return out;
}
