import { applyDiscount, computeCost } from "./compute-cost";
import type { PriceBook } from "./price-book";
import type { BillableUsage } from "./price-types";

export type PricedUsage = { cost: bigint | null; pricedModel: string | null };

/**
 * Prices one event's usage with the book: the price in force at its time, then the organisation's
 * discount. Null cost when Burnrate has no price for the model. Ingest and re-pricing both call
 * this, so an event re-priced with unchanged prices gets exactly the cost it was ingested with.
 */
export function priceUsage(
  book: PriceBook,
  model: string,
  provider: string,
  at: Date,
  usage: BillableUsage,
  audioMillis: number,
): PricedUsage {
  const resolved = book.resolve(model, provider, at);
  if (!resolved) return { cost: null, pricedModel: null };
  const cost = applyDiscount(computeCost(resolved.price, usage, audioMillis), resolved.percentOff);
  return { cost, pricedModel: `${resolved.provider}/${resolved.model}` };
}
