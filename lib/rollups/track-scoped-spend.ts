import { pgPool } from "@/lib/db/pg-pool";
import { inPgTransaction } from "@/lib/db/pg-transaction";
import { log } from "@/lib/log";
import { enqueue } from "@/lib/queue/enqueue";
import { insertScopedDeltasFromSql } from "./scoped-spend-sql";

/**
 * Turns on scoped spend (endUser/apiKey budgets) for an organisation, for good, and backfills it
 * from the organisation's events, exactly: in one transaction that first takes a SHARE ROW
 * EXCLUSIVE lock on scoped_spend_deltas. Every ingest, re-pricing and fold statement names that table, so the lock
 * waits for those in flight (their events are then visible to the backfill) and holds new ones
 * until commit (they then see the flag and write their own deltas): no event is missed or counted
 * twice (the lock mode also serialises two flips). The price: ingest pauses for the backfill, once
 * per organisation. The backfilled deltas are folded by a rollup job enqueued right after (the
 * sweeper folds them if Redis is down), whose fold then has the budgets evaluated.
 * Returns whether it turned the flag on (false when it was on already).
 */
export async function trackScopedSpend(orgId: string): Promise<boolean> {
  const on = await pgPool().query(`SELECT 1 FROM organizations WHERE id = $1 AND "tracksScopedSpend"`, [orgId]);
  if (on.rowCount) return false;
  const turnedOn = await inPgTransaction(async (tx) => {
    await tx.query("LOCK TABLE scoped_spend_deltas IN SHARE ROW EXCLUSIVE MODE");
    const flipped = await tx.query(
      `UPDATE organizations SET "tracksScopedSpend" = true WHERE id = $1 AND NOT "tracksScopedSpend" RETURNING id`,
      [orgId],
    );
    if (flipped.rowCount)
      await tx.query(
        `WITH events AS (SELECT * FROM usage_events WHERE "orgId" = $1) ${insertScopedDeltasFromSql("events", "$1")}`,
        [orgId],
      );
    return (flipped.rowCount ?? 0) > 0;
  });
  if (turnedOn)
    void enqueue("rollup", { orgId }, { jobId: `rollup-${orgId}-backfill-${Date.now()}` }).catch((err: unknown) =>
      log.warn({ err, orgId }, "could not enqueue the backfill fold; the sweeper will fold it"),
    );
  return turnedOn;
}
