import { describe, expect, it } from "vitest";
import { computeCost } from "./compute-cost";
import { PriceBook } from "./price-book";
import type { BillableUsage } from "./price-types";
import { toModelPrice } from "./to-model-price";

// DeepSeek-style off-peak: 16:30-00:30 UTC at a discount (the window wraps midnight).
const deepseek = toModelPrice({
  provider: "deepseek",
  model: "deepseek-chat",
  prices: { input: "0.27", output: "1.10", cachedInput: "0.07" },
  timeOfDay: [{ from: "16:30", to: "00:30", label: "off-peak", prices: { input: "0.135", output: "0.55" } }],
  effectiveFrom: new Date("2020-01-01T00:00:00Z"),
  effectiveTo: null,
});
const book = new PriceBook([deepseek]);
const usage: BillableUsage = {
  inputTokens: 1_000_000,
  outputTokens: 1_000_000,
  cachedInputTokens: 1_000_000,
  cacheWriteTokens: 0,
  cacheTtl: "5m",
  reasoningTokens: 0,
  requests: 1,
  images: 0,
  audioSeconds: 0,
  serviceTier: "standard",
};
const costAt = (iso: string) => {
  const r = book.resolve("deepseek-chat", "deepseek", new Date(iso));
  return r ? computeCost(r.price, usage) : null;
};
// pico-USD for 1M input + 1M output + 1M cached tokens
const PEAK = (270_000n + 1_100_000n + 70_000n) * 1_000_000n;
const OFF_PEAK = (135_000n + 550_000n + 70_000n) * 1_000_000n;

describe("time-of-day prices", () => {
  it.each([
    ["2026-11-30T16:29:59.999Z", PEAK],
    ["2026-11-30T16:30:00.000Z", OFF_PEAK],
    ["2026-11-30T23:59:59.999Z", OFF_PEAK],
    ["2026-12-01T00:00:00.000Z", OFF_PEAK],
    ["2026-12-01T00:29:59.999Z", OFF_PEAK],
    ["2026-12-01T00:30:00.000Z", PEAK],
    ["2026-12-01T12:00:00.000Z", PEAK],
  ])("an event at %s is priced %s pico-USD", (at, expected) => {
    expect(costAt(at)).toBe(expected);
  });

  it("leaves prices the window does not name (cache reads) at the standard price", () => {
    const r = book.resolve("deepseek-chat", "deepseek", new Date("2026-11-30T20:00:00Z"));
    expect(r?.price.prices.cachedInput).toBe(70_000n);
  });

  it("windows that do not wrap hold [from, to)", () => {
    const p = toModelPrice({
      provider: "x",
      model: "m",
      prices: { input: "1", output: "2" },
      timeOfDay: [{ from: "01:00", to: "02:00", prices: { input: "0.5" } }],
      effectiveFrom: new Date(0),
      effectiveTo: null,
    });
    const b = new PriceBook([p]);
    const input = (iso: string) => b.resolve("m", "x", new Date(iso))?.price.prices.input;
    expect(input("2026-11-30T00:59:59.999Z")).toBe(1_000_000n);
    expect(input("2026-11-30T01:00:00.000Z")).toBe(500_000n);
    expect(input("2026-11-30T01:59:59.999Z")).toBe(500_000n);
    expect(input("2026-11-30T02:00:00.000Z")).toBe(1_000_000n);
  });
});
