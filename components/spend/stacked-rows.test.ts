import { describe, expect, it } from "vitest";
import { exactKey, toStackedAreaRows } from "./stacked-rows";
import type { SpendResponse } from "./types";

const day = (d: number) => `2026-11-0${d}T00:00:00.000Z`;
/** Three days by team; costs in exact strings (a float sum of 0.1 + 0.2 would not give 0.3). */
const answer = (series: Record<string, Record<number, string>>) =>
  ({
    from: day(1),
    to: day(4),
    granularity: "day",
    groupBy: ["team"],
    series: Object.entries(series).map(([team, points]) => ({
      key: { team },
      total: { cost: "0" },
      points: Object.entries(points).map(([d, cost]) => ({ t: day(Number(d)), cost })),
    })),
  }) as unknown as SpendResponse;

describe("stacked area rows", () => {
  const res = answer({ big: { 1: "20", 2: "20", 3: "20" }, spiky: { 2: "30.1" }, tiny: { 1: "0.1", 2: "0.2" } });

  it("holds running totals, largest series at the bottom, and each series' exact amount", () => {
    const { rows, categories, drawOrder } = toStackedAreaRows(res);
    expect(categories).toEqual(["big", "spiky", "tiny"]);
    expect(drawOrder).toEqual(["tiny", "spiky", "big"]); // the top of the stack is painted first
    expect(rows.map((r) => [r.big, r.spiky, r.tiny])).toEqual([
      [20, 20, 20.1],
      [20, 50.1, 50.3],
      [20, 20, 20],
    ]);
    expect(rows.map((r) => r[exactKey("tiny")])).toEqual(["0.1", "0.2", "0"]);
    expect(rows[1]![exactKey("spiky")]).toBe("30.1");
  });

  it("sums the series beyond `top` exactly into Other, and gives own amounts for bars", () => {
    const { rows, categories } = toStackedAreaRows(res, 1, { cumulative: false });
    expect(categories).toEqual(["big", "Other"]);
    expect(rows.map((r) => r[exactKey("Other")])).toEqual(["0.1", "30.3", "0"]);
    expect(rows.map((r) => r.Other)).toEqual([0.1, 30.3, 0]);
  });
});
