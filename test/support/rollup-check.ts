import { pgPool } from "@/lib/db/pg-pool";
import { bucketKeySql, DIMENSIONS, MEASURES, measureSumsSql, q } from "@/lib/rollups/dimensions";

/**
 * Every rollup bucket of the organisation next to the sum of its raw events; returns the buckets
 * where they differ (empty = exact). Compares all measures, cost to the pico-dollar.
 */
export async function rollupMismatches(orgId: string) {
  const key = bucketKeySql();
  const sums = measureSumsSql();
  const keyCols = ["hour", ...DIMENSIONS] as const;
  const raw = `SELECT ${keyCols.map((k) => `${key[k]} AS ${q(k)}`).join(", ")}, ${MEASURES.map((m) => `(${sums[m]})::numeric AS ${q(m)}`).join(", ")}
                 FROM usage_events WHERE "orgId" = $1 GROUP BY ${keyCols.map((_, i) => i + 1).join(", ")}`;
  const rolled = `SELECT ${keyCols.map(q).join(", ")}, ${MEASURES.map((m) => `${q(m)}::numeric AS ${q(m)}`).join(", ")}
                    FROM spend_rollups WHERE "orgId" = $1 AND events <> 0`;
  const { rows } = await pgPool().query(
    `SELECT * FROM ((${raw}) EXCEPT (${rolled})) a
     UNION ALL SELECT * FROM ((${rolled}) EXCEPT (${raw})) b LIMIT 20`,
    [orgId],
  );
  return rows;
}

export async function pendingDeltas(orgId?: string): Promise<number> {
  const { rows } = await pgPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM rollup_deltas ${orgId ? `WHERE "orgId" = $1` : ""}`,
    orgId ? [orgId] : [],
  );
  return rows[0]!.n;
}
