import { DIMENSIONS, type Dimension, MEASURE_DEFS, MEASURES, type Measure } from "@/lib/usage";

/** A quoted SQL identifier. Only ever called with names from lib/usage's declaration, never with input. */
export const q = (c: string) => `"${c}"`;

/**
 * SQL expressions that turn usage_events columns (optionally of alias `e`) into a rollup bucket
 * key: the UTC hour and each dimension; a priced event's model is its catalog name.
 */
export function bucketKeySql(e = ""): Record<"hour" | Dimension, string> {
  const c = (name: string) => `${e}${q(name)}`;
  return {
    hour: `date_trunc('hour', ${c("timestamp")}, 'UTC')`,
    team: `coalesce(${c("team")}, '')`,
    feature: `coalesce(${c("feature")}, '')`,
    provider: c("provider"),
    model: `coalesce(substr(${c("pricedModel")}, strpos(${c("pricedModel")}, '/') + 1), ${c("model")})`,
    customer: `coalesce(${c("customer")}, '')`,
    environment: `coalesce(${c("environment")}, '')`,
    serviceTier: c("serviceTier"),
  };
}

/** SQL sums of the events' contribution to each measure (from lib/usage's declaration). */
export function measureSumsSql(e = ""): Record<Measure, string> {
  const c = (name: string) => `${e}${q(name)}`;
  return Object.fromEntries(MEASURES.map((m) => [m, MEASURE_DEFS[m].fromEvents(c)])) as Record<Measure, string>;
}

/**
 * INSERT INTO rollup_deltas … SELECT … FROM <source> GROUP BY the bucket key and the API key
 * (sign -1 takes rows out). The API key is no rollup dimension: the fold adds it into
 * api_key_spend only. An ingest batch has one key, so it writes no more deltas than without it.
 */
export function insertDeltasFromSql(source: string, orgParam: string, sign: 1 | -1 = 1): string {
  const key = bucketKeySql();
  const sums = measureSumsSql();
  const keyCols = ["hour", ...DIMENSIONS] as const;
  return `INSERT INTO rollup_deltas ("orgId", ${keyCols.map(q).join(", ")}, "apiKeyId", ${MEASURES.map(q).join(", ")})
    SELECT ${orgParam}, ${keyCols.map((k) => key[k]).join(", ")}, "apiKeyId", ${MEASURES.map((m) => (sign === 1 ? sums[m] : `-(${sums[m]})`)).join(", ")}
    FROM ${source} GROUP BY ${[...keyCols, "apiKeyId"].map((_, i) => i + 2).join(", ")}`;
}
