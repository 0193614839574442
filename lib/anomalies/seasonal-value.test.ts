import { describe, expect, it } from "vitest";
import { seasonalValue } from "./seasonal-value";

describe("seasonalValue", () => {
  it("five steady weeks: the mean without the highest and the lowest", () => {
    expect(seasonalValue([10, 14, 11, 12, 9], [])).toBeCloseTo((10 + 11 + 12) / 3, 12);
  });

  it("two outages (zeros) at the same hour of the week among steady values are left out", () => {
    // Trimming would keep one zero: (0 + 10 + 11) / 3 = 7, a third under the usual spend.
    expect(seasonalValue([10, 0, 11, 12, 0], [])).toBe(11);
  });

  it("a zero among unsteady values (smallest non-zero under half their median) is kept", () => {
    // Non-zero 0.3, 1, 2: median 1, 0.3 < 0.5. Trimmed mean of 0, 0.3, 1, 2: (0.3 + 1) / 2.
    expect(seasonalValue([0, 0.3, 2, 1], [])).toBeCloseTo(0.65, 12);
  });

  it("a sparse hour takes the mean of the neighbouring hours without the highest, not 0", () => {
    const near = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0.5];
    // Without the 2: (1 + 0.5) / 14. A fifth trimmed at each end would give 0.
    expect(seasonalValue([0, 0, 0, 1, 0], near)).toBeCloseTo(1.5 / 14, 12);
  });
});
