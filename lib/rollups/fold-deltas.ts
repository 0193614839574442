import { pgPool } from "@/lib/db/pg-pool";
import { DIMENSIONS, MEASURES, q } from "./dimensions";

const BATCH = 5000;
const KEY = ["orgId", "hour", ...DIMENSIONS];

/**
 * Moves up to BATCH deltas of one organisation into spend_rollups in ONE statement: the DELETE
 * that claims them and the upsert that adds them commit or roll back together, so a crash,
 * retry or duplicate job can neither lose nor double-count anything. SKIP LOCKED lets
 * concurrent folders take disjoint deltas; buckets are upserted in key order to avoid deadlocks.
 */
export const FOLD_SQL = `
WITH claimed AS (
  DELETE FROM rollup_deltas WHERE id IN (
    SELECT id FROM rollup_deltas WHERE "orgId" = $1 ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
  ) RETURNING *
), summed AS (
  SELECT ${KEY.map(q).join(", ")}, ${MEASURES.map((m) => `sum(${q(m)}) AS ${q(m)}`).join(", ")}, count(*) AS n
  FROM claimed GROUP BY ${KEY.map(q).join(", ")}
), upserted AS (
  INSERT INTO spend_rollups (${KEY.map(q).join(", ")}, ${MEASURES.map(q).join(", ")}, "updatedAt")
  SELECT ${KEY.map(q).join(", ")}, ${MEASURES.map(q).join(", ")}, now() FROM summed ORDER BY ${KEY.map(q).join(", ")}
  ON CONFLICT (${KEY.map(q).join(", ")}) DO UPDATE SET
    ${MEASURES.map((m) => `${q(m)} = spend_rollups.${q(m)} + EXCLUDED.${q(m)}`).join(", ")}, "updatedAt" = now()
  RETURNING 1
)
SELECT coalesce(sum(n), 0)::int AS deltas, (SELECT count(*) FROM upserted)::int AS buckets FROM summed`;

/** Folds every pending delta of the organisation (in batches); returns how many deltas were folded. */
export async function foldDeltas(orgId: string, maxBatches = 1000): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const { rows } = await pgPool().query<{ deltas: number }>({ name: "burnrate_fold_deltas", text: FOLD_SQL, values: [orgId] });
    const n = rows[0]?.deltas ?? 0;
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

/** Organisations with deltas older than `olderThanMs` (work no job picked up: the sweeper's list). */
export async function orgsWithStaleDeltas(olderThanMs: number): Promise<string[]> {
  const { rows } = await pgPool().query<{ orgId: string }>(
    `SELECT DISTINCT "orgId" FROM rollup_deltas WHERE "createdAt" < now() - make_interval(secs => $1)`,
    [olderThanMs / 1000],
  );
  return rows.map((r) => r.orgId);
}
