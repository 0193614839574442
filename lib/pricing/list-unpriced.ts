import { pgPool } from "@/lib/db/pg-pool";
import type { OrgContext } from "@/lib/tenancy/context";

/** Models seen in this organisation's usage that have no price, with how many events wait for one. */
export async function listUnpriced(ctx: OrgContext) {
  const { rows } = await pgPool().query<{ provider: string; model: string; events: bigint; lastSeen: Date }>(
    `SELECT provider, model, count(*) AS events, max("timestamp") AS "lastSeen"
       FROM usage_events WHERE "orgId" = $1 AND priced = false
      GROUP BY provider, model ORDER BY count(*) DESC LIMIT 100`,
    [ctx.orgId],
  );
  const items = rows.map((r) => ({ provider: r.provider, model: r.model, events: Number(r.events), lastSeen: r.lastSeen }));
  const total = await pgPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM usage_events WHERE "orgId" = $1 AND priced = false`, [ctx.orgId]);
  return { items, totalEvents: total.rows[0]!.n };
}
