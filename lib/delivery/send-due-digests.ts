import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import type { DueDelivery } from "./dispatch-deliveries";
import { insertEvent } from "./insert-event";

type DueChannel = { orgId: string; id: string; lastDigestAt: Date | null; createdAt: Date; dayStart: Date };

/**
 * Digest channels whose last digest (or creation) was before the start of the current day in
 * their organisation's time zone (Postgres does the zone arithmetic, DST included).
 */
async function dueChannels(now: Date): Promise<DueChannel[]> {
  const { rows } = await pgPool().query<DueChannel>(
    `SELECT c."orgId", c.id, c."lastDigestAt", c."createdAt", d.start AS "dayStart"
       FROM notification_channels c JOIN organizations o ON o.id = c."orgId",
            LATERAL (SELECT date_trunc('day', $1::timestamptz AT TIME ZONE o."timeZone") AT TIME ZONE o."timeZone" AS start) d
      WHERE c.mode = 'digest' AND coalesce(c."lastDigestAt", c."createdAt") < d.start
      LIMIT 200`,
    [now],
  );
  return rows;
}

/**
 * For each digest channel whose last digest (or creation) was before today (in its organisation's
 * time zone), gathers everything held for it since then into one `channel.digest` delivery.
 * Claiming the channel (moving lastDigestAt) in the same transaction makes it once per day however
 * many sweepers run. Returns the new deliveries for the caller to dispatch.
 */
export async function collectDueDigests(now = new Date()): Promise<DueDelivery[]> {
  const channels = await dueChannels(now);
  const out: DueDelivery[] = [];
  for (const c of channels) {
    const start = c.dayStart;
    const due = { OR: [{ lastDigestAt: { lt: start } }, { lastDigestAt: null, createdAt: { lt: start } }] };
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
