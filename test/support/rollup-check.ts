import type pg from "pg";
import { pgPool } from "@/lib/db/pg-pool";
import { bucketKeySql, measureSumsSql, q } from "@/lib/rollups/bucket-sql";
import { DIMENSIONS, MEASURES } from "@/lib/usage";

/** `raw EXCEPT rolled` and `rolled EXCEPT raw` for one rollup table: every bucket that differs. */
type Queryable = Pick<pg.Pool, "query">;

async function mismatchesOf(orgId: string, table: string, bucket: "hour" | "day", pool: Queryable) {
  const key = bucketKeySql();
  const sums = measureSumsSql();
  const bucketExpr = bucket === "hour" ? key.hour : `date_trunc('day', "timestamp", 'UTC')`;
  const raw = `SELECT ${bucketExpr} AS b, ${DIMENSIONS.map((k) => `${key[k]} AS ${q(k)}`).join(", ")}, ${MEASURES.map((m) => `(${sums[m]})::numeric AS ${q(m)}`).join(", ")}
                 FROM usage_events WHERE "orgId" = $1 GROUP BY ${[0, ...DIMENSIONS].map((_, i) => i + 1).join(", ")}`;
  const rolled = `SELECT ${q(bucket)} AS b, ${DIMENSIONS.map(q).join(", ")}, ${MEASURES.map((m) => `${q(m)}::numeric AS ${q(m)}`).join(", ")}
                    FROM ${table} WHERE "orgId" = $1 AND events <> 0`;
  const { rows } = await pool.query(
    `SELECT '${table}' AS "table", * FROM ((${raw}) EXCEPT (${rolled})) a
     UNION ALL SELECT '${table}', * FROM ((${rolled}) EXCEPT (${raw})) b LIMIT 20`,
    [orgId],
  );
  return rows;
}

/** api_key_spend next to plain sums of the raw events sent with a key (per key and UTC hour). */
async function apiKeyMismatches(orgId: string, pool: Queryable) {
  const raw = `SELECT date_trunc('hour', "timestamp" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS b, "apiKeyId",
                      coalesce(sum("costPico"), 0)::numeric AS "costPico"
                 FROM usage_events WHERE "orgId" = $1 AND "apiKeyId" IS NOT NULL GROUP BY 1, 2`;
  const rolled = `SELECT hour AS b, "apiKeyId", "costPico"::numeric FROM api_key_spend WHERE "orgId" = $1`;
  const { rows } = await pool.query(
    `SELECT 'api_key_spend' AS "table", * FROM ((${raw}) EXCEPT (${rolled})) a
     UNION ALL SELECT 'api_key_spend', * FROM ((${rolled}) EXCEPT (${raw})) b LIMIT 20`,
    [orgId],
  );
  return rows;
}

/**
 * Every bucket of the hourly and the daily rollups, and of the hourly spend per API key, next to
 * the sum of its raw events; returns the buckets where they differ (empty = exact). Compares all
 * measures, cost to the pico-dollar.
 */
export async function rollupMismatches(orgId: string, pool: Queryable = pgPool()) {
  return [
    ...(await mismatchesOf(orgId, "spend_rollups", "hour", pool)),
    ...(await mismatchesOf(orgId, "spend_rollups_daily", "day", pool)),
    ...(await apiKeyMismatches(orgId, pool)),
  ];
}

export async function pendingDeltas(orgId?: string, pool: Queryable = pgPool()): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM rollup_deltas ${orgId ? `WHERE "orgId" = $1` : ""}`,
    orgId ? [orgId] : [],
  );
  return rows[0]!.n;
}
