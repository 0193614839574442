import { pgPool } from "@/lib/db/pg-pool";
import type { OrgContext } from "@/lib/tenancy/context";

/** Sums of one (provider, model, feature, service tier) over the window; token counts as bigint. */
export type UsageGroup = {
  provider: string;
  model: string;
  /** "" when unattributed. */
  feature: string;
  serviceTier: string;
  events: bigint;
  requests: bigint;
  inputTokens: bigint;
  cachedInputTokens: bigint;
  cacheWriteTokens: bigint;
  outputTokens: bigint;
  reasoningTokens: bigint;
  costPico: bigint;
  /** Median latency of the events that reported one (ms), null without any. */
  latencyP50: number | null;
  /** Events tagged `interactive: "false"` (the organisation's mark of work that can wait). */
  markedNonInteractive: bigint;
  /** Prompt tokens (uncached + cached + cache writes) and requests of the first and the second half. */
  firstHalf: { promptTokens: bigint; requests: bigint };
  secondHalf: { promptTokens: bigint; requests: bigint; inputCostBasis: { input: bigint; cached: bigint } };
};

/** Spend on calls that failed, or that a later call of the same requestId repeated. */
export type WasteGroup = {
  provider: string;
  model: string;
  feature: string;
  errorEvents: bigint;
  retriedEvents: bigint;
  costPico: bigint;
};

/**
 * The organisation's priced usage of [from, to) by provider, model, feature and service tier, read from
 * raw events (scanned through the ("orgId", "timestamp") primary key), with the figures the savings
 * estimates need.
 */
export async function usageProfile(ctx: Pick<OrgContext, "orgId">, from: Date, to: Date): Promise<UsageGroup[]> {
  const mid = new Date((from.getTime() + to.getTime()) / 2);
  const { rows } = await pgPool().query(
    `SELECT provider, model, coalesce(feature, '') AS feature, "serviceTier",
            count(*)::int8 AS events, sum(requests)::int8 AS requests,
            sum("inputTokens")::int8 AS input, sum("cachedInputTokens")::int8 AS cached,
            sum("cacheWriteTokens")::int8 AS cache_write, sum("outputTokens")::int8 AS output,
            sum("reasoningTokens")::int8 AS reasoning, coalesce(sum("costPico"), 0)::int8 AS cost,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY "latencyMs") AS latency_p50,
            count(*) FILTER (WHERE tags->>'interactive' = 'false')::int8 AS marked,
            coalesce(sum("inputTokens" + "cachedInputTokens" + "cacheWriteTokens") FILTER (WHERE "timestamp" < $4), 0)::int8 AS p1,
            coalesce(sum(requests) FILTER (WHERE "timestamp" < $4), 0)::int8 AS r1,
            coalesce(sum("inputTokens" + "cachedInputTokens" + "cacheWriteTokens") FILTER (WHERE "timestamp" >= $4), 0)::int8 AS p2,
            coalesce(sum(requests) FILTER (WHERE "timestamp" >= $4), 0)::int8 AS r2,
            coalesce(sum("inputTokens") FILTER (WHERE "timestamp" >= $4), 0)::int8 AS i2,
            coalesce(sum("cachedInputTokens") FILTER (WHERE "timestamp" >= $4), 0)::int8 AS c2
       FROM usage_events
      WHERE "orgId" = $1 AND "timestamp" >= $2 AND "timestamp" < $3 AND priced
      GROUP BY 1, 2, 3, 4
      ORDER BY 1, 2, 3, 4`,
    [ctx.orgId, from, to, mid],
  );
  return rows.map((r) => ({
    provider: r.provider,
    model: r.model,
    feature: r.feature,
    serviceTier: r.serviceTier,
    events: r.events,
    requests: r.requests,
    inputTokens: r.input,
    cachedInputTokens: r.cached,
    cacheWriteTokens: r.cache_write,
    outputTokens: r.output,
    reasoningTokens: r.reasoning,
    costPico: r.cost,
    latencyP50: r.latency_p50 === null ? null : Number(r.latency_p50),
    markedNonInteractive: r.marked,
    firstHalf: { promptTokens: r.p1, requests: r.r1 },
    secondHalf: { promptTokens: r.p2, requests: r.r2, inputCostBasis: { input: r.i2, cached: r.c2 } },
  }));
}

/**
 * Failed calls (status error) and superseded attempts (an earlier event of a requestId that a later
 * event repeats) of [from, to), by provider, model and feature, with what they cost.
 */
export async function wasteProfile(ctx: Pick<OrgContext, "orgId">, from: Date, to: Date): Promise<WasteGroup[]> {
  const { rows } = await pgPool().query(
    `SELECT provider, model, feature,
            count(*) FILTER (WHERE status = 'error')::int8 AS errors,
            count(*) FILTER (WHERE status <> 'error')::int8 AS retried,
            coalesce(sum("costPico"), 0)::int8 AS cost
       FROM (SELECT provider, model, coalesce(feature, '') AS feature, status, "costPico", "requestId",
                    row_number() OVER (PARTITION BY "requestId" ORDER BY "timestamp" DESC, id DESC) AS attempt_from_last
               FROM usage_events
              WHERE "orgId" = $1 AND "timestamp" >= $2 AND "timestamp" < $3 AND priced) e
      WHERE status = 'error' OR ("requestId" IS NOT NULL AND attempt_from_last > 1)
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`,
    [ctx.orgId, from, to],
  );
  return rows.map((r) => ({
    provider: r.provider,
    model: r.model,
    feature: r.feature,
    errorEvents: r.errors,
    retriedEvents: r.retried,
    costPico: r.cost,
  }));
}
