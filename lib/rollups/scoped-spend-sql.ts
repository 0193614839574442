import { bucketKeySql, q } from "./bucket-sql";

/**
 * Scoped spend: exact hourly cost by end user and API key and every other dimension a budget
 * scope can combine them with, kept only for organisations with `tracksScopedSpend` (set by their
 * first endUser/apiKey budget). Written as deltas by the same statements that write rollup deltas
 * (ingest, re-pricing), folded into scoped_spend by the rollup fold statement: the same
 * exactly-once invariants as the rollups. Key order of scoped_spend's primary key.
 */
export const SCOPED_KEY = [
  "hour",
  "endUser",
  "apiKeyId",
  "team",
  "feature",
  "provider",
  "model",
  "customer",
  "environment",
] as const;
export type ScopedColumn = Exclude<(typeof SCOPED_KEY)[number], "hour">;

/** True in SQL when the organisation ($orgParam) keeps scoped spend. */
export const tracksScopedSpendSql = (orgParam: string) =>
  `EXISTS (SELECT 1 FROM organizations WHERE id = ${orgParam} AND "tracksScopedSpend")`;

/** SQL expressions of the scoped key over usage_events columns (the values scoped_spend stores). */
export function scopedKeySql(): Record<(typeof SCOPED_KEY)[number], string> {
  const b = bucketKeySql();
  return {
    hour: b.hour,
    endUser: `coalesce(${q("endUser")}, '')`,
    apiKeyId: `coalesce(${q("apiKeyId")}, '')`,
    team: b.team,
    feature: b.feature,
    provider: b.provider,
    model: b.model,
    customer: b.customer,
    environment: b.environment,
  };
}

/**
 * INSERT INTO scoped_spend_deltas … SELECT … FROM <source> (usage_events rows) grouped by the
 * scoped key, only when the organisation tracks scoped spend (sign -1 takes rows out).
 */
export function insertScopedDeltasFromSql(source: string, orgParam: string, sign: 1 | -1 = 1): string {
  const key = scopedKeySql();
  const cost = `coalesce(sum(${q("costPico")}), 0)`;
  return `INSERT INTO scoped_spend_deltas ("orgId", ${SCOPED_KEY.map(q).join(", ")}, "costPico")
    SELECT ${orgParam}, ${SCOPED_KEY.map((k) => key[k]).join(", ")}, ${sign === 1 ? cost : `-${cost}`}
    FROM ${source} WHERE ${tracksScopedSpendSql(orgParam)}
    GROUP BY ${SCOPED_KEY.map((_, i) => i + 2).join(", ")}`;
}
