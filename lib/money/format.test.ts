import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addMoney,
  compareMoney,
  costPerUnit,
  formatMoney,
  formatMoneyExact,
  formatMoneyPrecise,
  fromScaled,
  percentChange,
  scaleMoney,
  sharePercent,
  subtractMoney,
  toScaled,
} from "./format";

describe("formatMoney", () => {
  it.each([
    ["0.125", "$0.12"],
    ["0.135", "$0.14"],
    ["0.145", "$0.14"],
    ["0.1250000000001", "$0.13"],
    ["1234.5", "$1,234.50"],
    ["1234567.891", "$1,234,567.89"],
    ["0", "$0.00"],
    ["0.000", "$0.00"],
    ["12", "$12.00"],
    ["0.995", "$1.00"],
    ["999.995", "$1,000.00"],
    ["-1234.565", "-$1,234.56"],
    ["0.01", "$0.01"],
    ["0.0051", "$0.01"],
  ])("%s → %s", (value, shown) => expect(formatMoney(value)).toBe(shown));

  it("shows a positive amount that rounds to zero as under a cent, unless asked not to", () => {
    expect(formatMoney("0.004")).toBe("<$0.01");
    expect(formatMoney("0.005")).toBe("<$0.01"); // half-even: 0.005 → 0.00
    expect(formatMoney("0.000000000001")).toBe("<$0.01");
    expect(formatMoney("0.004", "USD", { lessThanMinor: false })).toBe("$0.00");
  });

  it("uses the currency's symbol and minor unit", () => {
    expect(formatMoney("1234.5", "EUR")).toBe("€1,234.50");
    expect(formatMoney("1234.5", "JPY")).toBe("¥1,234");
    expect(formatMoney("1235.5", "JPY")).toBe("¥1,236");
  });

  it("refuses what is not a decimal", () => {
    for (const bad of ["", "1e3", "abc", "1.2.3", "NaN"]) expect(() => formatMoney(bad)).toThrow(RangeError);
  });

  it("agrees with rounding the exact value half-even, for any amount (no float on the way)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (pico) => {
        const s = fromScaled(pico, 12);
        const cents = pico / 10n ** 10n;
        const rem = pico % 10n ** 10n;
        const half = 5n * 10n ** 9n;
        const rounded = rem > half || (rem === half && cents % 2n === 1n) ? cents + 1n : cents;
        const shown = formatMoney(s, "USD", { lessThanMinor: false });
        expect(shown.replace(/[$,]/g, "")).toBe(fromScaled(rounded, 2));
      }),
    );
  });
});

describe("formatMoneyPrecise", () => {
  it("rounds to 4 decimals half-even", () => {
    expect(formatMoneyPrecise("0.00125")).toBe("$0.0012");
    expect(formatMoneyPrecise("0.00135")).toBe("$0.0014");
    expect(formatMoneyPrecise("1234.5")).toBe("$1,234.5000");
    expect(formatMoneyPrecise("0.00001")).toBe("<$0.0001");
    expect(formatMoneyPrecise("0")).toBe("$0.0000");
  });
});

describe("exact arithmetic", () => {
  it("toScaled / fromScaled round-trip and round half-even", () => {
    expect(toScaled("1.005", 2)).toBe(100n);
    expect(toScaled("1.015", 2)).toBe(102n);
    expect(toScaled("-1.015", 2)).toBe(-102n);
    expect(toScaled("7.", 2)).toBe(700n);
    expect(fromScaled(5n, 3)).toBe("0.005");
    expect(fromScaled(-5n, 1)).toBe("-0.5");
    expect(fromScaled(12n, 0)).toBe("12");
  });

  it("costPerUnit divides exactly to a pico-dollar", () => {
    expect(costPerUnit("1", 3)).toBe("0.333333333333");
    expect(costPerUnit("2", 3)).toBe("0.666666666667");
    expect(costPerUnit("10", 4)).toBe("2.5");
    expect(costPerUnit("0.000000000005", 2)).toBe("0.000000000002"); // 2.5 pico → 2 (even)
    expect(costPerUnit("0.000000000015", 2)).toBe("0.000000000008"); // 7.5 pico → 8 (even)
    expect(costPerUnit("1.5", 3000, 1000)).toBe("0.5");
    expect(costPerUnit("1", 0)).toBeNull();
    expect(costPerUnit("123456789.123456789012", 10n ** 15n)).toBe("0.000000123457");
  });

  it("compares, subtracts, shares and scales exactly", () => {
    expect(["0.3", "0.10", "2", "0.299999999999"].sort(compareMoney)).toEqual(["0.10", "0.299999999999", "0.3", "2"]);
    expect(subtractMoney("0.3", "0.1")).toBe("0.2");
    expect(subtractMoney("0.1", "0.3")).toBe("-0.2");
    expect(sharePercent("1", "3")).toBe("33.3");
    expect(sharePercent("1", "8")).toBe("12.5");
    expect(sharePercent("1", "16", 2)).toBe("6.25");
    expect(sharePercent("3", "0")).toBeNull();
    expect(percentChange("150", "100")).toBe("50.0");
    expect(percentChange("75", "100")).toBe("-25.0");
    expect(percentChange("5", "0")).toBeNull();
    expect(scaleMoney("10", 31, 10)).toBe("31");
    expect(scaleMoney("1", 1, 3)).toBe("0.333333333333");
  });
});

describe("formatMoneyExact and addMoney", () => {
  it("shows every digit, at least cents", () => {
    expect(formatMoneyExact("30.123457")).toBe("$30.123457");
    expect(formatMoneyExact("1234.5")).toBe("$1,234.50");
    expect(formatMoneyExact("0.000000000001")).toBe("$0.000000000001");
    expect(formatMoneyExact("-2.100")).toBe("-$2.10");
    expect(formatMoneyExact("7")).toBe("$7.00");
    expect(addMoney("0.1", "0.2")).toBe("0.3");
    expect(addMoney("20", "30.123457")).toBe("50.123457");
  });
});
