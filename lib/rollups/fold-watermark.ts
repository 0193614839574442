import { pgPool } from "@/lib/db/pg-pool";

/**
 * The organisation's fold watermark, read before its spend: every event whose deltas were created
 * before it is in the rollups (and scoped spend) that a read right after sees. It is the oldest
 * delta still waiting for the fold, or now when none waits. Delta createdAt is its ingest
 * transaction's time (so is a reservation's settledAt, lib/limits).
 */
export async function foldWatermark(orgId: string): Promise<Date> {
  const { rows } = await pgPool().query<{ w: Date }>(
    `SELECT coalesce(least((SELECT min("createdAt") FROM rollup_deltas WHERE "orgId" = $1),
       (SELECT min("createdAt") FROM scoped_spend_deltas WHERE "orgId" = $1)), now()) AS w`,
    [orgId],
  );
  return rows[0]!.w;
}
