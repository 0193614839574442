import { pgPool } from "@/lib/db/pg-pool";
import { formatPicoUsd } from "@/lib/money/pico";
import { HOUR_MS } from "./detect-series";
import {
  BREAKDOWN_DIMENSIONS,
  type CostOnlyBreakdown,
  explainExcess,
  type RootCause,
  type RootCauseFlag,
  type UsageGroup,
} from "./explain-excess";
import type { MonitorKey } from "./monitor-dimensions";

const WEEK_MS = 168 * HOUR_MS;
/** Weeks of the same hours the baseline mix is read from. */
const BASELINE_WEEKS = 4;
/** Longest stretch of an episode read for its root cause (its last hours). */
const MAX_HOURS = 72;

const MEASURES = [
  "requests",
  "events",
  "errorEvents",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "reasoningTokens",
] as const;

/**
 * The root cause of an episode of a monitor: the rollup groups (team, feature, model, customer)
 * in its hours and in the same hours of the four weeks before, explained by explainExcess (the
 * organisation total's also by API key, from api_key_spend); plus
 * the flags that need raw events: retries (a requestId seen more than once) and new end users.
 * apiKey monitors read scoped spend (cost only: no split, no token flags) when the organisation
 * keeps it, else api_key_spend (cost only, and no breakdown by the other dimensions either).
 */
export async function loadRootCause(
  orgId: string,
  monitor: MonitorKey,
  episode: { startT: number; lastT: number; expectedPico: bigint },
): Promise<RootCause> {
  const start = Math.max(episode.startT, episode.lastT - (MAX_HOURS - 1) * HOUR_MS);
  const hours: Date[] = [];
  for (let t = start; t <= episode.lastT; t += HOUR_MS)
    for (let k = 0; k <= BASELINE_WEEKS; k++) hours.push(new Date(t - k * WEEK_MS));
  const byKey = monitor.dimension === "apiKey";
  const table = !byKey ? "spend_rollups" : (await tracksScopedSpend(orgId)) ? "scoped_spend" : "api_key_spend";
  const params: unknown[] = [orgId, hours, new Date(start)];
  let scope = "";
  if (monitor.dimension !== "org") {
    params.push(monitor.value);
    scope = ` AND ${byKey ? `"apiKeyId"` : `"${monitor.dimension}"`} = $4`;
  }
  // api_key_spend has no other dimension: its one group per side gives the excess, no breakdown.
  const dims = BREAKDOWN_DIMENSIONS.map((d) => (table === "api_key_spend" ? `''::text AS "${d}"` : `"${d}"`)).join(
    ", ",
  );
  const sums = byKey
    ? MEASURES.map((m) => `0::text AS "${m}"`).join(", ")
    : MEASURES.map((m) => `sum("${m}")::text AS "${m}"`).join(", ");
  const { rows } = await pgPool().query<Record<string, string | boolean>>(
    `SELECT hour >= $3 AS current, ${dims}, sum("costPico")::text AS "costPico", ${sums}
       FROM ${table}
      WHERE "orgId" = $1 AND hour = ANY($2::timestamptz[])${scope}
      GROUP BY 1, ${BREAKDOWN_DIMENSIONS.map((_, i) => i + 2).join(", ")}`,
    params,
  );
  const groups: UsageGroup[] = rows.map((r) => ({
    current: r.current as boolean,
    dims: Object.fromEntries(BREAKDOWN_DIMENSIONS.map((d) => [d, String(r[d])])) as UsageGroup["dims"],
    costPico: BigInt(r.costPico as string),
    ...(Object.fromEntries(MEASURES.map((m) => [m, BigInt(r[m] as string)])) as Record<
      (typeof MEASURES)[number],
      bigint
    >),
  }));
  const extra = await rawEventFlags(orgId, monitor, start, episode.lastT + HOUR_MS);
  const exclude = monitor.dimension === "org" || byKey ? [] : [monitor.dimension];
  const costOnly = monitor.dimension === "org" ? [await byApiKey(orgId, hours, start, groups)] : [];
  return explainExcess(groups, episode.expectedPico, exclude, extra, costOnly);
}

/**
 * The organisation total's spend in the same hours by API key (api_key_spend), and the spend sent
 * without a key as "" (the rest of the total), so that it sums to the usage groups. Only for the
 * total: api_key_spend has no split by team, feature, model or customer.
 */
async function byApiKey(orgId: string, hours: Date[], start: number, groups: UsageGroup[]): Promise<CostOnlyBreakdown> {
  const { rows } = await pgPool().query<{ current: boolean; value: string; cost: string }>(
    `SELECT hour >= $3 AS current, "apiKeyId" AS value, sum("costPico")::text AS cost FROM api_key_spend
      WHERE "orgId" = $1 AND hour = ANY($2::timestamptz[]) GROUP BY 1, 2`,
    [orgId, hours, new Date(start)],
  );
  const keyed = rows.map((r) => ({ current: r.current, value: r.value, costPico: BigInt(r.cost) }));
  const rest = [true, false].map((current) => ({
    current,
    value: "",
    costPico:
      groups.filter((g) => g.current === current).reduce((a, g) => a + g.costPico, 0n) -
      keyed.filter((g) => g.current === current).reduce((a, g) => a + g.costPico, 0n),
  }));
  return { dimension: "apiKey", groups: [...keyed, ...rest.filter((g) => g.costPico !== 0n)] };
}

const tracksScopedSpend = async (orgId: string) =>
  ((await pgPool().query(`SELECT 1 FROM organizations WHERE id = $1 AND "tracksScopedSpend"`, [orgId])).rowCount ?? 0) >
  0;

/**
 * Flags from raw events of the episode against the week before it: the share of events whose
 * requestId was already seen (retries), and end users with spend now and none in the 28 days before.
 */
async function rawEventFlags(orgId: string, monitor: MonitorKey, from: number, to: number): Promise<RootCauseFlag[]> {
  const col =
    monitor.dimension === "org"
      ? null
      : monitor.dimension === "apiKey"
        ? `"apiKeyId"`
        : monitor.dimension === "model"
          ? `coalesce(substr("pricedModel", strpos("pricedModel", '/') + 1), model)`
          : `"${monitor.dimension}"`;
  const scope = col ? ` AND ${col} = $4` : "";
  const params = (a: number, b: number) => [orgId, new Date(a), new Date(b), ...(col ? [monitor.value] : [])];
  const retries = async (a: number, b: number) => {
    const { rows } = await pgPool().query<{ n: string; dup: string }>(
      `SELECT count(*)::text AS n, (count("requestId") - count(DISTINCT "requestId"))::text AS dup
         FROM usage_events WHERE "orgId" = $1 AND timestamp >= $2 AND timestamp < $3${scope}`,
      params(a, b),
    );
    const n = Number(rows[0]?.n ?? 0);
    return n === 0 ? null : Number(rows[0]!.dup) / n;
  };
  const flags: RootCauseFlag[] = [];
  const now = await retries(from, to);
  const before = await retries(from - WEEK_MS, to - WEEK_MS);
  if (now !== null && now >= 0.02 && (before === null || now >= 2 * before))
    flags.push({
      kind: "retries_rising",
      before: Math.round((before ?? 0) * 1e4) / 1e4,
      now: Math.round(now * 1e4) / 1e4,
    });
  // New end users: the top spenders of the episode with no spend in the 28 days before (read from
  // scoped spend, indexed by end user, so only for organisations that track it).
  const { rows } = await pgPool().query<{ endUser: string; cost: string }>(
    `WITH top AS (
       SELECT "endUser", sum("costPico") AS cost FROM usage_events
        WHERE "orgId" = $1 AND timestamp >= $2 AND timestamp < $3 AND "endUser" IS NOT NULL${scope}
        GROUP BY 1 ORDER BY 2 DESC NULLS LAST LIMIT 3)
     SELECT t."endUser", t.cost::text AS cost FROM top t
      WHERE t.cost > 0
        AND EXISTS (SELECT 1 FROM organizations o WHERE o.id = $1 AND o."tracksScopedSpend")
        AND NOT EXISTS (SELECT 1 FROM scoped_spend s WHERE s."orgId" = $1 AND s."endUser" = t."endUser"
                          AND s.hour >= $2::timestamptz - interval '28 days' AND s.hour < $2)`,
    params(from, to),
  );
  for (const r of rows) flags.push({ kind: "new_end_user", value: r.endUser, actual: formatPicoUsd(BigInt(r.cost)) });
  return flags;
}
