import { describe, expect, it } from "vitest";
import { computeCost, effectivePrices, promptTokens } from "./compute-cost";
import { modelPrice, P, usage } from "./test-prices";

// Every expected value below is worked by hand from the prices in test-prices.ts (pico-USD per
// token: input 2e6, output 8e6, cache read 5e5, cache write 2.5e6 / 4e6, reasoning 1e7).
const base = modelPrice(P);
const bare = modelPrice({ input: 2_000_000n, output: 8_000_000n }); // no cache/reasoning prices

describe("computeCost: token kinds", () => {
  it.each([
    ["input and output", usage({ inputTokens: 1000, outputTokens: 100 }), 2_800_000_000n], // 2e9 + 8e8
    ["cache reads at their own price", usage({ inputTokens: 1000, cachedInputTokens: 200 }), 2_100_000_000n], // 2e9 + 1e8
    ["5-minute cache writes", usage({ cacheWriteTokens: 300, cacheTtl: "5m" }), 750_000_000n], // 300 × 2.5e6
    ["1-hour cache writes", usage({ cacheWriteTokens: 300, cacheTtl: "1h" }), 1_200_000_000n], // 300 × 4e6
    ["reasoning at its own price", usage({ outputTokens: 10, reasoningTokens: 50 }), 580_000_000n], // 8e7 + 5e8
  ])("%s", (_, u, expected) => {
    expect(computeCost(base, u)).toBe(expected);
  });

  it.each([
    ["cache reads fall back to input", usage({ cachedInputTokens: 200 }), 400_000_000n], // 200 × 2e6
    ["cache writes (5m) fall back to input", usage({ cacheWriteTokens: 300 }), 600_000_000n],
    ["cache writes (1h) fall back to input", usage({ cacheWriteTokens: 300, cacheTtl: "1h" }), 600_000_000n],
    ["reasoning falls back to output", usage({ reasoningTokens: 50 }), 400_000_000n], // 50 × 8e6
  ])("without its own price: %s", (_, u, expected) => {
    expect(computeCost(bare, u)).toBe(expected);
  });

  it("1-hour writes without a 1-hour price use the 5-minute price; 5-minute writes never use the 1-hour one", () => {
    const only5m = modelPrice({ ...P, cacheWrite1h: undefined });
    expect(computeCost(only5m, usage({ cacheWriteTokens: 300, cacheTtl: "1h" }))).toBe(750_000_000n);
    const only1h = modelPrice({ ...P, cacheWrite5m: undefined });
    expect(computeCost(only1h, usage({ cacheWriteTokens: 300, cacheTtl: "5m" }))).toBe(600_000_000n);
  });

  it("zero usage costs zero", () => {
    expect(computeCost(base, usage())).toBe(0n);
  });
});

describe("computeCost: long context", () => {
  // Above 1,000 prompt tokens: input $4/M, output $12/M; cache prices unchanged.
  const long = modelPrice(P, {
    longContext: { thresholdTokens: 1000, prices: { input: 4_000_000n, output: 12_000_000n } },
  });

  it("counts uncached, cached and cache-write tokens as the prompt", () => {
    expect(
      promptTokens(usage({ inputTokens: 600, cachedInputTokens: 300, cacheWriteTokens: 100, outputTokens: 9 })),
    ).toBe(1000);
  });

  it("a prompt of exactly the threshold is standard", () => {
    // 600 × 2e6 + 300 × 5e5 + 100 × 2.5e6 + 10 × 8e6
    const u = usage({ inputTokens: 600, cachedInputTokens: 300, cacheWriteTokens: 100, outputTokens: 10 });
    expect(computeCost(long, u)).toBe(1_680_000_000n);
  });

  it.each([
    // 601 × 4e6 + 1.5e8 + 2.5e8 + 10 × 12e6
    ["uncached", { inputTokens: 601, cachedInputTokens: 300, cacheWriteTokens: 100 }, 2_924_000_000n],
    // 600 × 4e6 + 301 × 5e5 + 2.5e8 + 1.2e8
    ["cached", { inputTokens: 600, cachedInputTokens: 301, cacheWriteTokens: 100 }, 2_920_500_000n],
    // 600 × 4e6 + 1.5e8 + 101 × 2.5e6 + 1.2e8
    ["cache-write", { inputTokens: 600, cachedInputTokens: 300, cacheWriteTokens: 101 }, 2_922_500_000n],
  ])("one %s token over the threshold switches to the long-context prices", (_, u, expected) => {
    expect(computeCost(long, usage({ ...u, outputTokens: 10 }))).toBe(expected);
  });
});

describe("computeCost: service tiers", () => {
  const tiered = modelPrice(
    { ...P, perRequest: 1_000_000n },
    {
      serviceTiers: { batch: { multiplier: "0.5" }, priority: { prices: { input: 3_000_000n, output: 12_000_000n } } },
    },
  );
  const u = usage({ inputTokens: 1000, outputTokens: 100, cachedInputTokens: 200, requests: 3 });

  it("standard pays list prices", () => {
    // 2e9 + 8e8 + 1e8 + 3 × 1e6
    expect(computeCost(tiered, u)).toBe(2_903_000_000n);
  });

  it("a multiplier tier scales the token cost, not the per-request charge", () => {
    // (2e9 + 8e8 + 1e8) × 0.5 + 3e6
    expect(computeCost(tiered, { ...u, serviceTier: "batch" })).toBe(1_453_000_000n);
  });

  it("a tier with its own prices replaces only those prices", () => {
    // 1000 × 3e6 + 100 × 12e6 + 200 × 5e5 (cache read unchanged) + 3e6
    expect(computeCost(tiered, { ...u, serviceTier: "priority" })).toBe(4_303_000_000n);
  });

  it("a tier the model does not price is billed at list prices", () => {
    expect(computeCost(tiered, { ...u, serviceTier: "flex" })).toBe(2_903_000_000n);
    expect(effectivePrices(tiered, { ...u, serviceTier: "flex" })).toEqual({ prices: tiered.prices, multiplier: null });
  });

  it("a tier named standard in the data never changes standard pricing", () => {
    const odd = modelPrice(P, { serviceTiers: { standard: { multiplier: "0.5" } } as never });
    expect(computeCost(odd, usage({ inputTokens: 1000 }))).toBe(2_000_000_000n);
  });

  it("a multiplier rounds half to even to a whole pico-dollar", () => {
    const odd = modelPrice({ input: 3n, output: 5n }, { serviceTiers: { batch: { multiplier: "0.5" } } });
    expect(computeCost(odd, usage({ inputTokens: 1, serviceTier: "batch" }))).toBe(2n); // 1.5 → 2
    expect(computeCost(odd, usage({ outputTokens: 1, serviceTier: "batch" }))).toBe(2n); // 2.5 → 2
    expect(computeCost(odd, usage({ inputTokens: 1, outputTokens: 2, serviceTier: "batch" }))).toBe(6n); // 6.5 → 6
  });

  it("own tier prices win over long-context prices", () => {
    const both = modelPrice(P, {
      longContext: { thresholdTokens: 10, prices: { input: 4_000_000n } },
      serviceTiers: { priority: { prices: { input: 3_000_000n } } },
    });
    expect(computeCost(both, usage({ inputTokens: 11, serviceTier: "priority" }))).toBe(33_000_000n);
    expect(computeCost(both, usage({ inputTokens: 11 }))).toBe(44_000_000n);
  });
});

describe("computeCost: per-unit charges", () => {
  // $0.001 per request, $0.04 per image, $0.0001 per audio second
  const units = modelPrice({
    ...P,
    perRequest: 1_000_000_000n,
    perImage: 40_000_000_000n,
    perAudioSecond: 100_000_000n,
  });

  it("charges requests, images and audio seconds", () => {
    expect(computeCost(units, usage({ requests: 3 }))).toBe(3_000_000_000n);
    expect(computeCost(units, usage({ images: 2 }))).toBe(80_000_000_000n);
    expect(computeCost(units, usage({ audioSeconds: 1.5 }))).toBe(150_000_000n);
    expect(computeCost(units, usage({ requests: 1, images: 1, audioSeconds: 1, inputTokens: 1 }))).toBe(
      1_000_000_000n + 40_000_000_000n + 100_000_000n + 2_000_000n,
    );
  });

  it("a model without unit prices charges nothing for units", () => {
    expect(computeCost(base, usage({ requests: 5, images: 5, audioSeconds: 5 }))).toBe(0n);
  });

  it("audio milliseconds round half to even to a whole pico-dollar", () => {
    const tiny = modelPrice({ input: 0n, output: 0n, perAudioSecond: 3n });
    expect(computeCost(tiny, usage(), 500)).toBe(2n); // 1.5 → 2
    expect(computeCost(tiny, usage(), 1500)).toBe(4n); // 4.5 → 4
    expect(computeCost(tiny, usage(), 2500)).toBe(8n); // 7.5 → 8
    expect(computeCost(tiny, usage({ audioSeconds: 0.0015 }))).toBe(0n); // 2 ms × 3 / 1000 = 0.006 → 0
    expect(computeCost(tiny, usage({ audioSeconds: 1 }))).toBe(3n); // default: seconds × 1000 ms
  });
});
