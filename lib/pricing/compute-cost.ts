import { divRoundHalfEven, multiplyDecimal, parseScaled } from "@/lib/money/pico";
import type { BillableUsage, ModelPrice, PriceSet } from "./price-types";

/** The prompt size that selects a long-context tier: every input token the request sent. */
export function promptTokens(u: BillableUsage): number {
  return u.inputTokens + u.cachedInputTokens + u.cacheWriteTokens;
}

/** The price set in force for this usage: long-context tier and service-tier own prices applied. */
export function effectivePrices(price: ModelPrice, u: BillableUsage): { prices: PriceSet; multiplier: string | null } {
  let prices: PriceSet = price.prices;
  if (price.longContext && promptTokens(u) > price.longContext.thresholdTokens) {
    prices = { ...prices, ...price.longContext.prices };
  }
  const tier = u.serviceTier === "standard" ? undefined : price.serviceTiers[u.serviceTier];
  if (tier && "prices" in tier) return { prices: { ...prices, ...tier.prices }, multiplier: null };
  return { prices, multiplier: tier && "multiplier" in tier ? tier.multiplier : null };
}

/**
 * Cost of one event in pico-USD, exact. Token semantics (see OpenAPI): inputTokens are the
 * uncached input tokens; cache reads and writes and reasoning tokens are counted apart from
 * input and output. A missing cache/reasoning price falls back to input/output price.
 * Audio seconds are given in milliseconds here to stay integral.
 */
export function computeCost(
  price: ModelPrice,
  u: BillableUsage,
  audioMillis = Math.round(u.audioSeconds * 1000),
): bigint {
  const { prices: p, multiplier } = effectivePrices(price, u);
  const cacheWrite = u.cacheTtl === "1h" ? (p.cacheWrite1h ?? p.cacheWrite5m ?? p.input) : (p.cacheWrite5m ?? p.input);
  const tokenCost =
    BigInt(u.inputTokens) * p.input +
    BigInt(u.outputTokens) * p.output +
    BigInt(u.cachedInputTokens) * (p.cachedInput ?? p.input) +
    BigInt(u.cacheWriteTokens) * cacheWrite +
    BigInt(u.reasoningTokens) * (p.reasoning ?? p.output);
  const unitCost =
    BigInt(u.requests) * (p.perRequest ?? 0n) +
    BigInt(u.images) * (p.perImage ?? 0n) +
    divRoundHalfEven(BigInt(audioMillis) * (p.perAudioSecond ?? 0n), 1000n);
  const tokens = multiplier ? multiplyDecimal(tokenCost, multiplier) : tokenCost;
  return tokens + unitCost;
}

/** Applies an organisation's negotiated discount (percent off), half-even to a pico-dollar. */
export function applyDiscount(cost: bigint, percentOff: string | null): bigint {
  if (!percentOff) return cost;
  const hundred = 100n * 10n ** 9n;
  return divRoundHalfEven(cost * (hundred - parseScaled(percentOff, 9)), hundred);
}
