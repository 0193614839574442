import { describe, expect, it } from "vitest";
import { chartMoney } from "./chart-data";

describe("chart axis amounts", () => {
  it("keeps the ticks of a small chart distinct", () => {
    expect([0, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03].map(chartMoney)).toEqual([
      "$0.00",
      "$0.005",
      "$0.01",
      "$0.015",
      "$0.02",
      "$0.025",
      "$0.03",
    ]);
    expect(chartMoney(0.00012345)).toBe("$0.0001");
    expect(chartMoney(12.345)).toBe("$12.35");
    expect(chartMoney(45_000)).toBe("$45K");
    expect(chartMoney(1_500)).toBe("$1.5K");
  });
});
