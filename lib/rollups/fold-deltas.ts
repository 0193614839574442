import { pgPool } from "@/lib/db/pg-pool";
import { log } from "@/lib/log";
import { enqueue } from "@/lib/queue/enqueue";
import { DIMENSIONS, MEASURES } from "@/lib/usage";
import { q } from "./bucket-sql";
import { SCOPED_KEY } from "./scoped-spend-sql";

const BATCH = 5000;
const KEY = ["orgId", "hour", ...DIMENSIONS];

/** One upsert of the summed deltas into a rollup table, in key order (no deadlocks between folders). */
const upsert = (table: string, bucket: string, bucketExpr: string) => {
  const key = [q("orgId"), q(bucket), ...DIMENSIONS.map(q)].join(", ");
  const from = [q("orgId"), bucketExpr, ...DIMENSIONS.map(q)].join(", ");
  return `INSERT INTO ${table} (${key}, ${MEASURES.map(q).join(", ")}, "updatedAt")
  SELECT ${from}, ${MEASURES.map((m) => `sum(${q(m)})`).join(", ")}, now() FROM summed
  GROUP BY ${from} ORDER BY ${from}
  ON CONFLICT (${key}) DO UPDATE SET
    ${MEASURES.map((m) => `${q(m)} = ${table}.${q(m)} + EXCLUDED.${q(m)}`).join(", ")}, "updatedAt" = now()
  RETURNING 1`;
};

const SKEY = ["orgId", ...SCOPED_KEY].map(q).join(", ");

/**
 * Moves up to BATCH deltas of one organisation into spend_rollups (hourly),
 * spend_rollups_daily and api_key_spend in ONE statement: the DELETE that claims them and the upserts that add them
 * commit or roll back together, so a crash, retry or duplicate job can neither lose nor double-count anything. SKIP LOCKED lets
 * concurrent folders take disjoint deltas; buckets are upserted in key order to avoid deadlocks.
 * For an organisation with budgets, the same statement marks from which hour its spend changed
 * (budget_marks, a new version each time): the budget evaluator clears the mark it evaluated, and
 * the sweeper finds marks no job cleared, so a lost budgets job loses no evaluation.
 * The deltas' API key (null: sent without one) is added into api_key_spend (hourly spend per key, every
 * organisation: the apiKey anomaly monitors) from the same claimed rows, so it is exactly-once too.
 * Scoped spend deltas (endUser/apiKey budgets) are claimed and upserted into scoped_spend by the
 * same statement, with the same guarantees.
 */
export const FOLD_SQL = `
WITH claimed AS (
  DELETE FROM rollup_deltas WHERE id IN (
    SELECT id FROM rollup_deltas WHERE "orgId" = $1 ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
  ) RETURNING *
), summed AS (
  SELECT ${KEY.map(q).join(", ")}, ${MEASURES.map((m) => `sum(${q(m)}) AS ${q(m)}`).join(", ")}, count(*) AS n
  FROM claimed GROUP BY ${KEY.map(q).join(", ")}
), hourly AS (
  ${upsert("spend_rollups", "hour", q("hour"))}
), daily AS (
  ${upsert("spend_rollups_daily", "day", `date_trunc('day', ${q("hour")}, 'UTC')`)}
), api_keys AS (
  INSERT INTO api_key_spend ("orgId", "hour", "apiKeyId", "costPico", "updatedAt")
  SELECT "orgId", "hour", "apiKeyId", sum("costPico"), now() FROM claimed WHERE "apiKeyId" IS NOT NULL
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("orgId", "hour", "apiKeyId") DO UPDATE SET
    "costPico" = api_key_spend."costPico" + EXCLUDED."costPico", "updatedAt" = now()
  RETURNING 1
), claimed_scoped AS (
  DELETE FROM scoped_spend_deltas WHERE id IN (
    SELECT id FROM scoped_spend_deltas WHERE "orgId" = $1 ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
  ) RETURNING *
), summed_scoped AS (
  SELECT ${SKEY}, sum("costPico") AS "costPico", count(*) AS n FROM claimed_scoped GROUP BY ${SKEY}
), scoped AS (
  INSERT INTO scoped_spend (${SKEY}, "costPico", "updatedAt")
  SELECT ${SKEY}, "costPico", now() FROM summed_scoped ORDER BY ${SKEY}
  ON CONFLICT (${SKEY}) DO UPDATE SET "costPico" = scoped_spend."costPico" + EXCLUDED."costPico", "updatedAt" = now()
  RETURNING 1
), changed AS (
  SELECT "hour" FROM summed UNION ALL SELECT "hour" FROM summed_scoped
), mark AS (
  INSERT INTO budget_marks ("orgId", "fromHour", version)
  SELECT $1, min("hour"), (extract(epoch FROM clock_timestamp()) * 1000000)::bigint FROM changed
  WHERE EXISTS (SELECT 1 FROM budgets WHERE "orgId" = $1) HAVING count(*) > 0
  ON CONFLICT ("orgId") DO UPDATE SET "fromHour" = least(budget_marks."fromHour", EXCLUDED."fromHour"),
    version = greatest(budget_marks.version + 1, EXCLUDED.version), "markedAt" = now()
  RETURNING version
)
SELECT coalesce(sum(n), 0)::int AS deltas, (SELECT count(*) FROM hourly)::int AS buckets, (SELECT count(*) FROM daily)::int AS days,
  (SELECT count(*) FROM api_keys)::int AS "apiKeyBuckets",
  (SELECT coalesce(sum(n), 0) FROM summed_scoped)::int AS "scopedDeltas", (SELECT count(*) FROM scoped)::int AS "scopedBuckets",
  (SELECT max(version) FROM mark)::text AS mark FROM summed`;

/** Folds every pending delta of the organisation (in batches); returns how many deltas were folded. */
export async function foldDeltas(orgId: string, maxBatches = 1000): Promise<number> {
  let total = 0;
  let mark: string | null = null;
  for (let i = 0; i < maxBatches; i++) {
    const { rows } = await pgPool().query<{ deltas: number; scopedDeltas: number; mark: string | null }>({
      name: "burnrate_fold_deltas",
      text: FOLD_SQL,
      values: [orgId],
    });
    const n = rows[0]?.deltas ?? 0;
    const scoped = rows[0]?.scopedDeltas ?? 0;
    mark = rows[0]?.mark ?? mark;
    total += n;
    if (n < BATCH && scoped < BATCH) break;
  }
  // After a fold changed the spend of an organisation with budgets: one budgets job per mark
  // version, not awaited (Redis down must not hold the fold; the sweeper evaluates the mark).
  if (mark)
    enqueue("budgets", { orgId }, { jobId: `budgets-${orgId}-${mark}` }).catch((err: unknown) =>
      log.warn({ err, orgId }, "could not enqueue budgets; the sweeper will evaluate the mark"),
    );
  return total;
}

/** Organisations with deltas older than `olderThanMs` (work no job picked up: the sweeper's list). */
export async function orgsWithStaleDeltas(olderThanMs: number): Promise<string[]> {
  const { rows } = await pgPool().query<{ orgId: string }>(
    `SELECT "orgId" FROM rollup_deltas WHERE "createdAt" < now() - make_interval(secs => $1)
     UNION SELECT "orgId" FROM scoped_spend_deltas WHERE "createdAt" < now() - make_interval(secs => $1)`,
    [olderThanMs / 1000],
  );
  return rows.map((r) => r.orgId);
}
