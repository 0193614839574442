import { describe, expect, it } from "vitest";
import { applyDiscount } from "./compute-cost";
import { costMismatch, reportedCostPico } from "./reported-cost";

describe("applyDiscount (percent off, half to even to a pico-dollar)", () => {
  it.each([
    [3n, "50", 2n], // 1.5 → 2
    [5n, "50", 2n], // 2.5 → 2
    [7n, "50", 4n], // 3.5 → 4
    [1n, "50", 0n], // 0.5 → 0
    [10n, "12.5", 9n], // 8.75 → 9
    [1_000_000n, "12.5", 875_000n],
    [3n, "33.333333333", 2n], // 2.000000001 → 2
    [100n, "0.5", 100n], // 99.5 → 100
    [102n, "0.5", 101n], // 101.49 → 101
    [999n, "100", 0n],
    [999n, "0", 999n],
  ])("%s pico at %s percent off is %s", (cost, pct, expected) => {
    expect(applyDiscount(cost, pct)).toBe(expected);
  });

  it("no discount leaves the cost alone", () => {
    expect(applyDiscount(12_345n, null)).toBe(12_345n);
    expect(applyDiscount(12_345n, "")).toBe(12_345n);
  });
});

describe("costMismatch: more than 1% of Burnrate's cost apart", () => {
  it.each([
    [10_000n, 10_100n, false], // exactly 1% above: not flagged
    [10_000n, 10_101n, true],
    [10_000n, 9_900n, false], // exactly 1% below: not flagged
    [10_000n, 9_899n, true],
    [10_000n, 10_000n, false],
    [100n, 101n, false],
    [100n, 102n, true],
    [0n, 0n, false],
    [0n, 1n, true],
  ])("ours %s, theirs %s → %s", (ours, theirs, expected) => {
    expect(costMismatch(ours, theirs)).toBe(expected);
  });

  it("is never flagged without both figures", () => {
    expect(costMismatch(null, 5n)).toBe(false);
    expect(costMismatch(5n, null)).toBe(false);
  });
});

describe("reportedCostPico", () => {
  it.each([
    ["0.1", 100_000_000_000n],
    ["0.000000000001", 1n],
    ["12.5", 12_500_000_000_000n],
    [0.1, 100_000_000_000n],
    [1e-12, 1n],
    [2, 2_000_000_000_000n],
    [0.0025, 2_500_000_000n],
  ])("%s USD is %s pico", (usd, pico) => {
    expect(reportedCostPico(usd)).toBe(pico);
  });
});
