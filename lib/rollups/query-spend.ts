import { pgPool } from "@/lib/db/pg-pool";
import { formatPicoUsd } from "@/lib/money/pico";
import type { OrgContext } from "@/lib/tenancy/context";
import { MEASURE_DEFS, MEASURES, type Measure, type MeasureTotals, responseKey } from "@/lib/usage";
import { q } from "./bucket-sql";
import type { SpendQuery } from "./spend-query";

type Sums = Record<Measure, bigint>;
type Row = Record<string, string | Date> & { t: Date } & Record<Measure, string>;

const zero = (): Sums => Object.fromEntries(MEASURES.map((m) => [m, 0n])) as Sums;
const add = (a: Sums, b: Sums): Sums => Object.fromEntries(MEASURES.map((m) => [m, a[m] + b[m]])) as Sums;
const sumsOf = (r: Row): Sums => Object.fromEntries(MEASURES.map((m) => [m, BigInt(r[m])])) as Sums;
/** Exact sums as the API returns them: money as a USD decimal string, counts as numbers. */
const totals = (s: Sums): MeasureTotals =>
  Object.fromEntries(
    MEASURES.map((m) => [responseKey(m), MEASURE_DEFS[m].kind === "money" ? formatPicoUsd(s[m]) : Number(s[m])]),
  ) as MeasureTotals;

const DAY = 86_400_000;
const floorHour = (d: Date) => new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
const floorDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY) * DAY);
const ceilDay = (d: Date) => new Date(Math.ceil(d.getTime() / DAY) * DAY);

const SUMS = MEASURES.map((m) => `sum(${q(m)})::text AS ${q(m)}`).join(", ");

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
  const cols = MEASURES.map(q);
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

  const groups = new Map<
    string,
    { key: Record<string, string>; points: (MeasureTotals & { t: string })[]; sums: Sums }
  >();
  let grand = zero();
  for (const r of rows) {
    const key = Object.fromEntries(query.groupBy.map((d) => [d, String(r[d])]));
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, points: [], sums: zero() };
    const sums = sumsOf(r);
    g.points.push({ t: r.t.toISOString(), ...totals(sums) });
    g.sums = add(g.sums, sums);
    grand = add(grand, sums);
    groups.set(id, g);
  }

  const series = [...groups.values()]
    .sort((a, b) => (b.sums.costPico > a.sums.costPico ? 1 : b.sums.costPico < a.sums.costPico ? -1 : 0))
    .map((g) => ({ key: g.key, total: totals(g.sums), points: g.points }));
  return {
    currency: "USD",
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    granularity: query.granularity,
    groupBy: query.groupBy,
    filters: query.filters,
    total: totals(grand),
    series,
  };
}
