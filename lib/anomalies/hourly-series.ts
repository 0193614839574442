import { z } from "zod";
import { toScaled } from "@/lib/money/format";
import { HOUR_MS } from "./detect-series";

/** The CLI's input: hourly points, cost an exact non-negative decimal string (USD). */
export const seriesInputSchema = z.object({
  series: z.array(
    z.object({
      key: z.string().min(1),
      points: z.array(
        z.object({
          t: z.iso.datetime({ offset: true }),
          cost: z.string().regex(/^\d+(\.\d{1,12})?$/, "a non-negative decimal string with at most 12 decimals"),
        }),
      ),
    }),
  ),
});
export type SeriesInputJson = z.infer<typeof seriesInputSchema>;

/**
 * Points (any order, gaps allowed) as consecutive hours from the first one: each point counts in
 * the UTC hour its time falls in, missing hours are 0. Exact: costs become pico-dollars.
 */
export function toHourly(points: readonly { t: string | Date; cost: string | bigint }[]): {
  startT: number;
  values: bigint[];
} {
  if (points.length === 0) return { startT: 0, values: [] };
  const byHour = new Map<number, bigint>();
  for (const pt of points) {
    const h = Math.floor(new Date(pt.t).getTime() / HOUR_MS) * HOUR_MS;
    const pico = typeof pt.cost === "bigint" ? pt.cost : toScaled(pt.cost, 12);
    byHour.set(h, (byHour.get(h) ?? 0n) + pico);
  }
  const hoursSorted = [...byHour.keys()].sort((a, b) => a - b);
  const startT = hoursSorted[0]!;
  const endT = hoursSorted.at(-1)!;
  const values: bigint[] = [];
  for (let t = startT; t <= endT; t += HOUR_MS) values.push(byHour.get(t) ?? 0n);
  return { startT, values };
}
