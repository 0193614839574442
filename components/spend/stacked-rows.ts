import { addMoney } from "@/lib/money/format";
import { BUCKET_START, INDEX, OTHER, seriesLabel } from "./chart-data";
import { bucketLabel, bucketStarts } from "./time-range";
import type { SpendResponse } from "./types";

/** The column of a chart row holding a series' exact amount of the bucket (a decimal string). */
export const exactKey = (series: string) => `__exact:${series}`;

/**
 * Rows for a stacked area chart drawn as overlapping areas, top of the stack first: one row per bucket
 * (zeros filled in); for each series (the `top` largest by exact cost, the rest as "Other") its column
 * holds the running total up to and including it (largest series at the bottom), so that each area
 * reaches the top of its band, and `exactKey(series)` its own exact amount for the tooltip.
 *
 * Drawn top first, each band's outline is painted over the outlines of the bands above it: where a
 * small series sits on a spike of a larger one, the spike's outline keeps the colour of the series that
 * spiked (with a plain stacked chart the smallest series' outline, painted last, covered it).
 * `categories` is largest first (legend order); `drawOrder` is the reverse. With `cumulative` false each
 * column holds the series' own amount (for a stacked bar chart).
 */
export function toStackedAreaRows(
  res: SpendResponse,
  top = 8,
  { cumulative = true } = {},
): { rows: Record<string, string | number>[]; categories: string[]; drawOrder: string[] } {
  const buckets = bucketStarts(new Date(res.from), new Date(res.to), res.granularity);
  const index = new Map(buckets.map((t, i) => [t, i]));
  const shown = res.series.slice(0, top);
  const rest = res.series.slice(top);
  const categories = shown.map((s) => seriesLabel(s.key, res.groupBy));
  if (rest.length) categories.push(OTHER);
  const exact = buckets.map(() => new Map<string, string>(categories.map((c) => [c, "0"])));
  const add = (name: string, t: string, cost: string) => {
    const i = index.get(t);
    if (i === undefined) return;
    exact[i]!.set(name, addMoney(exact[i]!.get(name)!, cost));
  };
  shown.forEach((s, i) => {
    for (const p of s.points) add(categories[i]!, p.t, p.cost);
  });
  for (const s of rest) for (const p of s.points) add(OTHER, p.t, p.cost);
  const rows = buckets.map((t, i) => {
    const row: Record<string, string | number> = { [INDEX]: bucketLabel(t, res.granularity), [BUCKET_START]: t };
    let running = "0";
    for (const c of categories) {
      const amount = exact[i]!.get(c)!;
      running = addMoney(running, amount);
      row[c] = Number(cumulative ? running : amount);
      row[exactKey(c)] = amount;
    }
    return row;
  });
  return { rows, categories, drawOrder: [...categories].reverse() };
}
