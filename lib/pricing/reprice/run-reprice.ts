import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { insertDeltasFromSql } from "@/lib/rollups/bucket-sql";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { insertScopedDeltasFromSql } from "@/lib/rollups/scoped-spend-sql";
import { invalidatePriceCache, loadPriceBook } from "../load-price-book";
import { costMismatch } from "@/lib/pricing/reported-cost";
import type { PricedUsage } from "../price-usage";
import { priceStoredEvent, type StoredUsage } from "../price-stored-event";

const CHUNK = 2000;

type Row = StoredUsage & {
  id: bigint;
  costPico: bigint | null;
  reportedCostPico: bigint | null;
};

function scopeSql(job: { provider: string | null; model: string | null }, params: unknown[]): string {
  if (job.provider && job.model) {
    params.push(`${job.provider}/${job.model}`);
    return ` AND ("pricedModel" = $${params.length} OR priced = false)`;
  }
  if (job.provider) {
    params.push(`${job.provider}/%`);
    return ` AND ("pricedModel" LIKE $${params.length} OR priced = false)`;
  }
  return "";
}

/**
 * Re-prices the events a price change affects, in keyset-ordered chunks, writing progress to the
 * RepriceJob row. Only rows whose cost changes are written. Safe to re-run: pricing is a pure
 * function of the event and the prices in force.
 */
export async function runReprice(repriceJobId: string): Promise<void> {
  const job = await db().repriceJob.findUniqueOrThrow({ where: { id: repriceJobId } });
  if (job.status === "done") return;
  invalidatePriceCache(job.orgId);
  const book = await loadPriceBook(job.orgId);
  const base: unknown[] = [job.orgId, job.from ?? new Date(0), job.to ?? new Date("9999-01-01")];
  const where = `"orgId" = $1 AND "timestamp" >= $2 AND "timestamp" < $3${scopeSql(job, base)}`;
  const total = Number((await pgPool().query(`SELECT count(*) AS n FROM usage_events WHERE ${where}`, base)).rows[0].n);
  await db().repriceJob.update({ where: { id: job.id }, data: { status: "running", total, done: 0, error: null } });

  let cursor: [Date, bigint] = [new Date(0), -1n];
  let done = 0;
  for (;;) {
    const params = [...base, cursor[0], cursor[1].toString()];
    const { rows } = await pgPool().query<Row>(
      `SELECT "timestamp", id, provider, model, "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "cacheTtl",
              "reasoningTokens", requests, images, "audioMillis", "serviceTier", "costPico", "reportedCostPico"
         FROM usage_events WHERE ${where} AND ("timestamp", id) > ($${params.length - 1}, $${params.length})
        ORDER BY "timestamp", id LIMIT ${CHUNK}`,
      params,
    );
    if (rows.length === 0) break;
    const changed = rows
      .map((r) => ({ r, next: priceStoredEvent(book, r) }))
      .filter(({ r, next }) => next.cost !== r.costPico);
    if (changed.length > 0) await writeCosts(job.orgId, changed);
    done += rows.length;
    cursor = [rows[rows.length - 1]!.timestamp, rows[rows.length - 1]!.id];
    await db().repriceJob.update({ where: { id: job.id }, data: { done } });
  }
  await db().repriceJob.update({ where: { id: job.id }, data: { status: "done", done, finishedAt: new Date() } });
  await foldDeltas(job.orgId);
}

/**
 * Writes new costs and, in the same statement, moves each changed event's rollup contribution:
 * out of its old bucket (negative delta, from the row as locked before the update) and into its
 * new one (positive delta, from the updated row). Rollups follow re-pricing exactly, and so does
 * scoped spend (endUser/apiKey budgets) for an organisation that tracks it.
 * `before` must read the statement snapshot (a FOR UPDATE there would skip the rows the same
 * statement updates), so concurrent re-pricings of one organisation are serialised with a
 * transaction-scoped advisory lock taken before the statement: ingest never updates events.
 */
const WRITE_COSTS_SQL = `
WITH u AS (
  SELECT * FROM unnest($2::timestamptz[], $3::int8[], $4::int8[], $5::text[], $6::bool[]) AS u(ts, id, cost, priced_model, mismatch)
), before AS (
  SELECT e.* FROM usage_events e JOIN u ON e."orgId" = $1 AND e."timestamp" = u.ts AND e.id = u.id
), taken_out AS (
  ${insertDeltasFromSql("before", "$1", -1)}
), taken_out_scoped AS (
  ${insertScopedDeltasFromSql("before", "$1", -1)}
), updated AS (
  UPDATE usage_events e SET "costPico" = u.cost, "pricedModel" = u.priced_model, priced = u.cost IS NOT NULL, "costMismatch" = u.mismatch
    FROM u WHERE e."orgId" = $1 AND e."timestamp" = u.ts AND e.id = u.id
  RETURNING e.*
), put_in AS (
  ${insertDeltasFromSql("updated", "$1", 1)}
), put_in_scoped AS (
  ${insertScopedDeltasFromSql("updated", "$1", 1)}
)
SELECT count(*)::int AS n FROM updated`;

async function writeCosts(orgId: string, changed: { r: Row; next: PricedUsage }[]) {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('burnrate:reprice:' || $1))`, [orgId]);
    await client.query(WRITE_COSTS_SQL, [
      orgId,
      changed.map(({ r }) => r.timestamp.toISOString()),
      changed.map(({ r }) => r.id.toString()),
      changed.map(({ next }) => next.cost?.toString() ?? null),
      changed.map(({ next }) => next.pricedModel),
      changed.map(({ r, next }) => costMismatch(next.cost, r.reportedCostPico)),
    ]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
