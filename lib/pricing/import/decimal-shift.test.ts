import { describe, expect, it } from "vitest";
import { shiftDecimal } from "./decimal-shift";

describe("shiftDecimal", () => {
  it.each([
    [2.5e-6, 6, "2.5"],
    [3e-7, 6, "0.3"],
    [1.25e-6, 6, "1.25"],
    [0.000015, 6, "15"],
    [3.75e-8, 6, "0.0375"],
    [0, 6, "0"],
    [0.04, 0, "0.04"],
    [1.1e-5, 6, "11"],
  ])("%s shifted by %i is %s", (v, p, out) => {
    expect(shiftDecimal(v, p)).toBe(out);
  });
  it("refuses negatives and non-finite values", () => {
    expect(() => shiftDecimal(-1, 6)).toThrow();
    expect(() => shiftDecimal(Number.NaN, 6)).toThrow();
  });
});
