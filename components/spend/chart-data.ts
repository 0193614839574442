import { displayValue } from "./dimensions";
import { bucketLabel, bucketStarts } from "./time-range";
import type { SpendResponse } from "./types";

export const OTHER = "Other";
/** The x-axis column of chart rows (named so that no group value can collide with it). */
export const INDEX = "__bucket";
/** The bucket's start (ISO) in each chart row, for drill-down from a clicked day. */
export const BUCKET_START = "__t";
export const ALL_SPEND = "All spend";

/** A series' name for legends and tables: "search", or "search · gpt-4o" for two dimensions. */
export function seriesLabel(key: Record<string, string | undefined>, groupBy: string[]): string {
  if (groupBy.length === 0) return ALL_SPEND;
  return groupBy.map((d) => displayValue(key[d])).join(" · ");
}

/**
 * Chart rows (one per bucket, zeros filled in) with a column per series: the `top` largest
 * series by exact cost and the rest summed into "Other". Numbers here feed the chart only;
 * totals shown as text always come from the API's exact strings.
 */
export function toChartRows(
  res: SpendResponse,
  top = 8,
): { rows: Record<string, string | number>[]; categories: string[] } {
  const buckets = bucketStarts(new Date(res.from), new Date(res.to), res.granularity);
  const index = new Map(buckets.map((t, i) => [t, i]));
  const rows: Record<string, string | number>[] = buckets.map((t) => ({
    [INDEX]: bucketLabel(t, res.granularity),
    [BUCKET_START]: t,
  }));
  const shown = res.series.slice(0, top);
  const rest = res.series.slice(top);
  const categories = shown.map((s) => seriesLabel(s.key, res.groupBy));
  if (rest.length) categories.push(OTHER);
  for (const row of rows) for (const c of categories) row[c] = 0;
  const add = (name: string, t: string, cost: string) => {
    const i = index.get(t);
    if (i === undefined) return;
    rows[i]![name] = (rows[i]![name] as number) + Number(cost);
  };
  shown.forEach((s, i) => {
    for (const p of s.points) add(categories[i]!, p.t, p.cost);
  });
  for (const s of rest) for (const p of s.points) add(OTHER, p.t, p.cost);
  return { rows, categories };
}

const axis = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 2,
});
const cents = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * Chart axis / tooltip formatting, in cents ("<$0.01" for a positive amount below a cent; approximate by
 * nature: the exact figures are in the tables, on hover).
 */
export const chartMoney = (n: number): string =>
  Math.abs(n) >= 1000 ? axis.format(n) : n > 0 && n < 0.005 ? "<$0.01" : cents.format(n);
