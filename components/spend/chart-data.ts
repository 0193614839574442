import { displayValue } from "./dimensions";

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

const axis = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
});
const cents = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

const fine = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

/**
 * Chart axis formatting: compact from $1,000, cents from $1, and below a dollar up to 4 decimals, so that
 * the ticks of a small chart ($0.005, $0.01, $0.015) stay distinct instead of two reading "$0.02". The
 * tooltip and the tables show the exact figures.
 */
export const chartMoney = (n: number): string =>
  Math.abs(n) >= 1000 ? axis.format(n) : Math.abs(n) >= 1 ? cents.format(n) : fine.format(n);
