import { perMillionToPicoPerToken, usdToPico } from "@/lib/money/pico";
import type { ModelPrice, PriceSet, TierPrice } from "./price-types";
import { clockMinutes } from "./time-of-day";

type DecimalPrices = Partial<Record<keyof PriceSet, string>>;
const UNIT_KEYS = new Set<keyof PriceSet>(["perRequest", "perImage", "perAudioSecond"]);

/** Decimal-string prices (USD per 1M tokens / per unit) → pico-USD per token / per unit. */
export function toPicoPrices(src: DecimalPrices): Partial<PriceSet> {
  const out: Partial<PriceSet> = {};
  for (const [k, v] of Object.entries(src) as [keyof PriceSet, string | undefined][]) {
    if (v === undefined || v === null) continue;
    out[k] = UNIT_KEYS.has(k) ? usdToPico(v) : perMillionToPicoPerToken(v);
  }
  return out;
}

type StoredPrice = {
  provider: string;
  model: string;
  aliases?: string[];
  prices: unknown;
  longContext?: unknown;
  serviceTiers?: unknown;
  timeOfDay?: unknown;
  effectiveFrom: Date;
  effectiveTo: Date | null;
};

/** A stored or shipped price row (decimal strings in JSON) as the pricing engine's ModelPrice. */
export function toModelPrice(row: StoredPrice): ModelPrice {
  const prices = toPicoPrices(row.prices as DecimalPrices) as PriceSet;
  const lc = row.longContext as ({ thresholdTokens: number } & DecimalPrices) | null | undefined;
  const tiers = (row.serviceTiers ?? {}) as Record<string, { multiplier?: string } & DecimalPrices>;
  const serviceTiers: ModelPrice["serviceTiers"] = {};
  for (const [name, tier] of Object.entries(tiers)) {
    const t: TierPrice = tier.multiplier ? { multiplier: tier.multiplier } : { prices: toPicoPrices(tier) };
    serviceTiers[name as keyof ModelPrice["serviceTiers"]] = t;
  }
  return {
    provider: row.provider,
    model: row.model,
    aliases: row.aliases ?? [],
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    prices: { ...prices, input: prices.input ?? 0n, output: prices.output ?? 0n },
    ...(lc
      ? {
          longContext: {
            thresholdTokens: lc.thresholdTokens,
            prices: toPicoPrices({ ...lc, thresholdTokens: undefined } as DecimalPrices),
          },
        }
      : {}),
    serviceTiers,
    ...(Array.isArray(row.timeOfDay) && row.timeOfDay.length
      ? {
          timeOfDay: (row.timeOfDay as { from: string; to: string; label?: string; prices: DecimalPrices }[]).map(
            (w) => ({
              fromMinute: clockMinutes(w.from),
              toMinute: clockMinutes(w.to),
              ...(w.label ? { label: w.label } : {}),
              prices: toPicoPrices(w.prices),
            }),
          ),
        }
      : {}),
  };
}
