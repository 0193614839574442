/** The attribution dimensions of spend_rollups, in key order. Missing values are stored as "". */
export const DIMENSIONS = ["team", "feature", "provider", "model", "customer", "environment", "serviceTier"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The counters of a rollup bucket (and of a delta), in column order. */
export const MEASURES = [
  "events",
  "unpricedEvents",
  "errorEvents",
  "requests",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "costPico",
] as const;
export type Measure = (typeof MEASURES)[number];

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

/** SQL sums of one event's contribution to each measure. */
export function measureSumsSql(e = ""): Record<Measure, string> {
  const c = (name: string) => `${e}${q(name)}`;
  return {
    events: "count(*)",
    unpricedEvents: `count(*) FILTER (WHERE NOT ${c("priced")})`,
    errorEvents: `count(*) FILTER (WHERE ${c("status")} = 'error')`,
    requests: `sum(${c("requests")})`,
    inputTokens: `sum(${c("inputTokens")})`,
    outputTokens: `sum(${c("outputTokens")})`,
    cachedInputTokens: `sum(${c("cachedInputTokens")})`,
    cacheWriteTokens: `sum(${c("cacheWriteTokens")})`,
    reasoningTokens: `sum(${c("reasoningTokens")})`,
    costPico: `coalesce(sum(${c("costPico")}), 0)`,
  };
}

/** INSERT INTO rollup_deltas … SELECT … FROM <source> GROUP BY the bucket key (sign -1 takes rows out). */
export function insertDeltasFromSql(source: string, orgParam: string, sign: 1 | -1 = 1): string {
  const key = bucketKeySql();
  const sums = measureSumsSql();
  const keyCols = ["hour", ...DIMENSIONS];
  return `INSERT INTO rollup_deltas ("orgId", ${keyCols.map(q).join(", ")}, ${MEASURES.map(q).join(", ")})
    SELECT ${orgParam}, ${keyCols.map((k) => key[k as keyof typeof key]).join(", ")}, ${MEASURES.map((m) => (sign === 1 ? sums[m] : `-(${sums[m]})`)).join(", ")}
    FROM ${source} GROUP BY ${keyCols.map((_, i) => i + 2).join(", ")}`;
}
