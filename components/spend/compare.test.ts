import { describe, expect, it } from "vitest";
import { biggestMovers, changeOf, describeChange, describeCountChange, describeUnitChange } from "./compare";
import type { SpendResponse } from "./types";

/** A grouped answer with only what the comparison reads (costs by team). */
const answer = (costs: Record<string, string>) =>
  ({
    groupBy: ["team"],
    series: Object.entries(costs).map(([team, cost]) => ({ key: { team }, total: { cost }, points: [] })),
  }) as unknown as SpendResponse;

describe("period comparison", () => {
  it("gives the exact difference and the percent", () => {
    expect(changeOf("12.50", "10")).toEqual({ current: "12.50", previous: "10", delta: "2.5", percent: "25.0" });
    expect(describeChange(changeOf("12.50", "10"))).toBe("+$2.50 (+25.0%)");
    expect(describeChange(changeOf("7.5", "10"))).toBe("−$2.50 (−25.0%)");
    expect(describeChange(changeOf("3", "0"))).toBe("+$3.00 (new)");
    expect(describeChange(changeOf("0.1", "0.10"))).toBe("no change");
    // 0.1 + 0.2 in binary floating point is not 0.3: the difference here is exact.
    expect(changeOf("0.3", "0.1").delta).toBe("0.2");
  });

  it("lists the biggest increases and decreases, counting a missing group as zero", () => {
    const cur = answer({ search: "30", support: "5", growth: "12", new: "1" });
    const prev = answer({ search: "10", support: "9", growth: "12", gone: "4" });
    const { increases, decreases } = biggestMovers(cur, prev);
    expect(increases.map((m) => [m.label, m.delta, m.percent])).toEqual([
      ["search", "20", "200.0"],
      ["new", "1", null],
    ]);
    expect(decreases.map((m) => [m.label, m.delta, m.percent])).toEqual([
      ["gone", "-4", "-100.0"],
      ["support", "-4", "-44.4"],
    ]);
  });
});

describe("count and unit cost changes", () => {
  it("reads like the money changes", () => {
    expect(describeCountChange(385_000, 561_000)).toBe("−176,000 (−31.4%)");
    expect(describeCountChange(12, 10)).toBe("+2 (+20.0%)");
    expect(describeCountChange(5, 0)).toBe("+5 (new)");
    expect(describeCountChange(7, 7)).toBe("no change");
    const c = changeOf("0.0105", "0.01");
    expect(describeUnitChange(c.delta, c.percent)).toBe("+$0.0005 (+5.0%)");
    const d = changeOf("0.01", "0.01002");
    expect(describeUnitChange(d.delta, d.percent)).toBe("−<$0.0001 (−0.2%)");
    expect(describeUnitChange("0", "0.0")).toBe("no change");
  });
});
