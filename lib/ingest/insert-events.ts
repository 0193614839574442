import { encodeBinaryArray, type ArrayElement, type ArrayElementType } from "@/lib/db/binary-array";
import { pgPool } from "@/lib/db/pg-pool";
import { insertDeltasFromSql, q } from "@/lib/rollups/bucket-sql";
import { insertScopedDeltasFromSql } from "@/lib/rollups/scoped-spend-sql";
import { SETTLED_HOLDS_JSON, settleReservationsCtes } from "@/lib/limits/settle-reservations-sql";
import { bumpValueVersions } from "@/lib/redis/cap-versions";
import type { EventRow } from "./event-row";

// [column, SQL array type, value]: the order of usage_events columns written by ingest.
const COLUMNS: [string, ArrayElementType, (r: EventRow) => ArrayElement][] = [
  ["eventId", "text", (r) => r.eventId],
  ["timestamp", "timestamptz", (r) => r.timestamp],
  ["provider", "text", (r) => r.provider],
  ["model", "text", (r) => r.model],
  ["pricedModel", "text", (r) => r.pricedModel],
  ["inputTokens", "int4", (r) => r.inputTokens],
  ["outputTokens", "int4", (r) => r.outputTokens],
  ["cachedInputTokens", "int4", (r) => r.cachedInputTokens],
  ["cacheWriteTokens", "int4", (r) => r.cacheWriteTokens],
  ["cacheTtl", "text", (r) => r.cacheTtl],
  ["reasoningTokens", "int4", (r) => r.reasoningTokens],
  ["requests", "int4", (r) => r.requests],
  ["images", "int4", (r) => r.images],
  ["audioMillis", "int4", (r) => r.audioMillis],
  ["serviceTier", "text", (r) => r.serviceTier],
  ["team", "text", (r) => r.team],
  ["feature", "text", (r) => r.feature],
  ["customer", "text", (r) => r.customer],
  ["environment", "text", (r) => r.environment],
  ["endUser", "text", (r) => r.endUser],
  ["tags", "jsonb", (r) => (r.tags ? JSON.stringify(r.tags) : null)],
  ["latencyMs", "int4", (r) => r.latencyMs],
  ["status", "text", (r) => r.status],
  ["requestId", "text", (r) => r.requestId],
  ["reservationId", "text", (r) => r.reservationId],
  ["costPico", "int8", (r) => r.costPico],
  ["reportedCostPico", "int8", (r) => r.reportedCostPico],
  ["costMismatch", "bool", (r) => r.costMismatch],
  ["priced", "bool", (r) => r.costPico !== null],
];

const cols = COLUMNS.map(([c]) => q(c)).join(", ");
/** The batch's API key id (null without one): one parameter after the column arrays. */
const API_KEY_PARAM = `$${COLUMNS.length + 2}::text`;

/**
 * One statement per batch: claims each (orgId, eventId) in event_keys and inserts only the
 * events whose key it claimed, so a retried or concurrently repeated event counts once, ever.
 * In the same statement it writes the rollup deltas of exactly the inserted events, so rollups
 * can never miss or double an event (the worker folds deltas atomically); the deltas carry the
 * batch's API key, which the fold adds into api_key_spend (no extra row: a batch has one key), and, for an organisation
 * that tracks scoped spend (endUser/apiKey budgets), its scoped spend deltas (one index lookup of
 * the organisation per batch for the others), and it settles the limits API reservations the
 * inserted events name (a retried event is a duplicate, so a reservation settles once).
 * Returns how many events it inserted; the others were duplicates.
 */
export const INSERT_EVENTS_SQL = `
WITH input AS (
  SELECT ${COLUMNS.map(([c, t], i) => `unnest($${i + 2}::${t}[]) AS ${q(c)}`).join(", ")}
), claimed AS (
  INSERT INTO event_keys ("orgId", "eventId", "timestamp")
  SELECT $1, "eventId", "timestamp" FROM input
  ON CONFLICT DO NOTHING
  RETURNING "eventId"
)
, inserted AS (
  INSERT INTO usage_events ("orgId", "apiKeyId", ${cols})
  SELECT $1, ${API_KEY_PARAM}, ${COLUMNS.map(([c]) => `input.${q(c)}`).join(", ")}
  FROM input JOIN claimed USING ("eventId")
  RETURNING *
), deltas AS (
  ${insertDeltasFromSql("inserted", "$1")}
), scoped AS (
  ${insertScopedDeltasFromSql("inserted", "$1")}
), ${settleReservationsCtes("inserted", "$1")}
SELECT count(*)::int AS inserted, ${SETTLED_HOLDS_JSON} AS settled FROM inserted`;

/** The statement's parameters: the organisation, one binary array per column, the API key id. */
export const insertEventsParams = (orgId: string, rows: EventRow[], apiKeyId: string | null = null): unknown[] => [
  orgId,
  ...COLUMNS.map(([, type, get]) => encodeBinaryArray(type, rows.map(get))),
  apiKeyId,
];

export async function insertEvents(orgId: string, rows: EventRow[], apiKeyId: string | null = null): Promise<number> {
  // Stryker disable next-line ConditionalExpression: equivalent, an empty batch inserts nothing either way (docs/mutation.md)
  if (rows.length === 0) return 0;
  const res = await pgPool().query<{
    inserted: number;
    settled: { budgetId: string; periodStart: string; scopeValue: string }[];
  }>({
    // Stryker disable next-line StringLiteral: equivalent, the prepared statement's name (docs/mutation.md)
    name: "burnrate_insert_events",
    text: INSERT_EVENTS_SQL,
    values: insertEventsParams(orgId, rows, apiKeyId),
  });
  const { inserted, settled } = res.rows[0]!;
  // Settled reservations now hold the actual cost: the limits API's copies of those keys are stale.
  if (settled.length > 0)
    await bumpValueVersions(
      orgId,
      settled.map((h) => ({ ...h, periodStart: new Date(h.periodStart) })),
    );
  return inserted;
}
