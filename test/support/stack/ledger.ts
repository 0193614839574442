// What the fault suite and the soak check after a fault: every event answered 202 is stored exactly
// once, and the rollups equal the raw events once the worker has caught up.
import pg from "pg";
import { pendingDeltas, rollupMismatches } from "../rollup-check";

export type Ledger = {
  orgId: string;
  /** Stored events of the organisation, and how many of the accepted ones are missing. */
  stored(accepted: Set<string>): Promise<{ stored: number; distinct: number; missing: number; unexpected: number }>;
  /** Stored events per eventId prefix (the part before the last `-`), for ids made with makeBatch's idPrefix. */
  storedByPrefix(): Promise<Map<string, number>>;
  /** Waits for the rollup deltas to be folded (ms it took), then lists rollup buckets that differ. */
  rollupsCaughtUp(timeoutMs?: number): Promise<{ waitedMs: number; mismatches: unknown[]; rolledUp: number }>;
  close(): Promise<void>;
};

export async function openLedger(databaseUrl: string, orgSlug: string): Promise<Ledger> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", () => {}); // the fault tests restart this server
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [orgSlug]);
  const orgId = rows[0]!.id;
  return {
    orgId,
    async stored(accepted) {
      const { rows: ids } = await pool.query<{ eventId: string }>(
        `SELECT "eventId" FROM usage_events WHERE "orgId" = $1`,
        [orgId],
      );
      const seen = new Set(ids.map((r) => r.eventId));
      let missing = 0;
      for (const id of accepted) if (!seen.has(id)) missing++;
      return { stored: ids.length, distinct: seen.size, missing, unexpected: seen.size - (accepted.size - missing) };
    },
    async storedByPrefix() {
      const { rows: counts } = await pool.query<{ prefix: string; n: number }>(
        `SELECT regexp_replace("eventId", '-[0-9]+$', '') AS prefix, count(*)::int AS n
           FROM usage_events WHERE "orgId" = $1 GROUP BY 1`,
        [orgId],
      );
      return new Map(counts.map((r) => [r.prefix, r.n]));
    },
    async rollupsCaughtUp(timeoutMs = 60_000) {
      const t0 = Date.now();
      while ((await pendingDeltas(orgId, pool)) > 0) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`rollup deltas still pending after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const waitedMs = Date.now() - t0;
      const mismatches = await rollupMismatches(orgId, pool);
      const { rows: sum } = await pool.query<{ n: number }>(
        `SELECT coalesce(sum(events), 0)::int AS n FROM spend_rollups WHERE "orgId" = $1`,
        [orgId],
      );
      return { waitedMs, mismatches, rolledUp: sum[0]!.n };
    },
    close: () => pool.end(),
  };
}
