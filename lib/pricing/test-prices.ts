import type { BillableUsage, ModelPrice, PriceSet } from "./price-types";

/**
 * Round prices for hand-worked expectations, in pico-USD per token: input $2/M, output $8/M,
 * cache read $0.50/M, cache write $2.50/M (5 min) and $4/M (1 h), reasoning $10/M.
 */
export const P: PriceSet = {
  input: 2_000_000n,
  output: 8_000_000n,
  cachedInput: 500_000n,
  cacheWrite5m: 2_500_000n,
  cacheWrite1h: 4_000_000n,
  reasoning: 10_000_000n,
};

export function modelPrice(prices: PriceSet, over: Partial<ModelPrice> = {}): ModelPrice {
  return {
    provider: "acme",
    model: "m1",
    aliases: [],
    effectiveFrom: new Date("2026-01-01T00:00:00Z"),
    effectiveTo: null,
    prices,
    serviceTiers: {},
    ...over,
  };
}

export function usage(over: Partial<BillableUsage> = {}): BillableUsage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    cacheTtl: "5m",
    reasoningTokens: 0,
    requests: 0,
    images: 0,
    audioSeconds: 0,
    serviceTier: "standard",
    ...over,
  };
}
