import { pgPool } from "@/lib/db/pg-pool";
import type { OrgContext } from "@/lib/tenancy/context";

/**
 * Models seen in this organisation's usage that have no price, with how many events wait for one.
 * Read from the hourly rollups (their unpricedEvents counter), so usage_events needs no index for it.
 */
export async function listUnpriced(ctx: OrgContext) {
  const { rows } = await pgPool().query<{ provider: string; model: string; events: string; lastSeen: Date }>(
    `SELECT provider, model, sum("unpricedEvents")::text AS events, max(hour) + interval '1 hour' AS "lastSeen"
       FROM spend_rollups WHERE "orgId" = $1 AND "unpricedEvents" > 0
      GROUP BY provider, model ORDER BY sum("unpricedEvents") DESC`,
    [ctx.orgId],
  );
  const items = rows.map((r) => ({
    provider: r.provider,
    model: r.model,
    events: Number(r.events),
    lastSeen: r.lastSeen,
  }));
  return { items: items.slice(0, 100), totalEvents: items.reduce((s, r) => s + r.events, 0) };
}
