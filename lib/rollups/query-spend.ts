import { pgPool } from "@/lib/db/pg-pool";
import { formatPicoUsd } from "@/lib/pricing/money";
import type { OrgContext } from "@/lib/tenancy/context";
import { q } from "./dimensions";
import type { SpendQuery } from "./spend-query";

type Totals = {
  cost: string;
  events: number;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  errorEvents: number;
  unpricedEvents: number;
};
type Row = Record<string, string | Date> & {
  t: Date;
  cost: string;
  events: string;
  requests: string;
  input: string;
  output: string;
  cached: string;
  reasoning: string;
  errors: string;
  unpriced: string;
};

const totals = (r: Row): Totals => ({
  cost: formatPicoUsd(BigInt(r.cost)),
  events: Number(r.events),
  requests: Number(r.requests),
  inputTokens: Number(r.input),
  outputTokens: Number(r.output),
  cachedInputTokens: Number(r.cached),
  reasoningTokens: Number(r.reasoning),
  errorEvents: Number(r.errors),
  unpricedEvents: Number(r.unpriced),
});

const DAY = 86_400_000;
const floorHour = (d: Date) => new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
const floorDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY) * DAY);
const ceilDay = (d: Date) => new Date(Math.ceil(d.getTime() / DAY) * DAY);

const SUMS = `sum("costPico")::text AS cost, sum(events)::text AS events, sum(requests)::text AS requests, sum("inputTokens")::text AS input,
  sum("outputTokens")::text AS output, sum("cachedInputTokens")::text AS cached, sum("reasoningTokens")::text AS reasoning,
  sum("errorEvents")::text AS errors, sum("unpricedEvents")::text AS unpriced`;

/**
 * Spend from the rollups only (never raw events): a series per group and bucket, group
 * totals and the grand total. Costs are exact decimal strings in USD.
 */
export async function querySpend(ctx: Pick<OrgContext, "orgId">, query: SpendQuery) {
  const params: unknown[] = [ctx.orgId];
  const filters: string[] = [];
  for (const [dim, values] of Object.entries(query.filters)) {
    params.push(values);
    filters.push(`${q(dim)} = ANY($${params.length}::text[])`);
  }
  const dims = query.groupBy.map(q);
  const cols = [
    "costPico",
    "events",
    "requests",
    "inputTokens",
    "outputTokens",
    "cachedInputTokens",
    "reasoningTokens",
    "errorEvents",
    "unpricedEvents",
  ].map(q);
  const slice = (table: string, bucket: string, from: Date, to: Date) => {
    params.push(from, to);
    const where = [`"orgId" = $1`, `${bucket} >= $${params.length - 1}`, `${bucket} < $${params.length}`, ...filters];
    return `SELECT ${bucket} AS b${dims.map((d) => `, ${d}`).join("")}, ${cols.join(", ")} FROM ${table} WHERE ${where.join(" AND ")}`;
  };
  // Hours from the hourly table; for day-or-longer buckets, whole UTC days from the daily table.
  const start = floorHour(query.from);
  const parts: string[] = [];
  if (query.granularity === "hour") parts.push(slice("spend_rollups", "hour", start, query.to));
  else {
    const firstDay = ceilDay(start);
    const lastDay = floorDay(query.to);
    if (firstDay < lastDay) {
      parts.push(slice("spend_rollups", "hour", start, firstDay));
      parts.push(slice("spend_rollups_daily", "day", firstDay, lastDay));
      parts.push(slice("spend_rollups", "hour", lastDay, query.to));
    } else parts.push(slice("spend_rollups", "hour", start, query.to));
  }
  const sql = `SELECT date_trunc('${query.granularity}', b, 'UTC') AS t${dims.map((d) => `, ${d}`).join("")}, ${SUMS}
                 FROM (${parts.join(" UNION ALL ")}) s
                GROUP BY 1${dims.map((_, i) => `, ${i + 2}`).join("")} ORDER BY 1`;
  const { rows } = await pgPool().query<Row>(sql, params);

  const groups = new Map<string, { key: Record<string, string>; points: (Totals & { t: string })[]; cost: bigint }>();
  let grand = 0n;
  for (const r of rows) {
    const key = Object.fromEntries(query.groupBy.map((d) => [d, String(r[d])]));
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, points: [], cost: 0n };
    g.points.push({ t: r.t.toISOString(), ...totals(r) });
    g.cost += BigInt(r.cost);
    grand += BigInt(r.cost);
    groups.set(id, g);
  }
  const sumOf = (pts: Totals[]) =>
    pts.reduce(
      (a, p) => ({
        events: a.events + p.events,
        requests: a.requests + p.requests,
        inputTokens: a.inputTokens + p.inputTokens,
        outputTokens: a.outputTokens + p.outputTokens,
        cachedInputTokens: a.cachedInputTokens + p.cachedInputTokens,
        reasoningTokens: a.reasoningTokens + p.reasoningTokens,
        errorEvents: a.errorEvents + p.errorEvents,
        unpricedEvents: a.unpricedEvents + p.unpricedEvents,
      }),
      {
        events: 0,
        requests: 0,
        inputTokens: 0,
        outputTokens: 0,
        cachedInputTokens: 0,
        reasoningTokens: 0,
        errorEvents: 0,
        unpricedEvents: 0,
      },
    );

  const series = [...groups.values()]
    .sort((a, b) => (b.cost > a.cost ? 1 : b.cost < a.cost ? -1 : 0))
    .map((g) => ({ key: g.key, total: { cost: formatPicoUsd(g.cost), ...sumOf(g.points) }, points: g.points }));
  return {
    currency: "USD",
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    granularity: query.granularity,
    groupBy: query.groupBy,
    filters: query.filters,
    total: { cost: formatPicoUsd(grand), ...sumOf(series.map((s) => s.total)) },
    series,
  };
}
