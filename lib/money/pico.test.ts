import { describe, expect, it } from "vitest";
import {
  divRoundHalfEven,
  formatPicoUsd,
  multiplyDecimal,
  perMillionToPicoPerToken,
  roundToMinorUnit,
  usdToPico,
} from "./pico";

describe("money", () => {
  it("converts per-million prices to exact pico-dollars per token", () => {
    expect(perMillionToPicoPerToken("2.50")).toBe(2_500_000n);
    expect(perMillionToPicoPerToken("0.0375")).toBe(37_500n);
    expect(perMillionToPicoPerToken("15")).toBe(15_000_000n);
    expect(() => perMillionToPicoPerToken("0.0000001")).toThrow(/decimals/);
    expect(() => perMillionToPicoPerToken("-1")).toThrow();
  });

  it("adds $0.10/M and $0.20/M over a million tokens to exactly $0.30", () => {
    const total = perMillionToPicoPerToken("0.10") + perMillionToPicoPerToken("0.20");
    expect(total).toBe(300_000n);
    expect(formatPicoUsd(total * 1_000_000n)).toBe("0.3");
  });

  it("formats exact decimal strings", () => {
    expect(formatPicoUsd(0n)).toBe("0");
    expect(formatPicoUsd(1n)).toBe("0.000000000001");
    expect(formatPicoUsd(usdToPico("12.34"))).toBe("12.34");
    expect(formatPicoUsd(-usdToPico("0.5"))).toBe("-0.5");
  });

  it("rounds half to even", () => {
    expect(divRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(multiplyDecimal(3n, "0.5")).toBe(2n);
    expect(multiplyDecimal(5n, "0.5")).toBe(2n);
    expect(roundToMinorUnit(usdToPico("0.125"))).toBe(usdToPico("0.12"));
    expect(roundToMinorUnit(usdToPico("0.135"))).toBe(usdToPico("0.14"));
  });
});
