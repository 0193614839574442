import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { floorHour } from "@/lib/budgets/budget-period";
import { effectivePrices } from "@/lib/pricing/compute-cost";
import { loadOrgPricing } from "@/lib/pricing/load-price-book";
import { PriceBook } from "@/lib/pricing/price-book";
import type { ModelPrice, ServiceTier } from "@/lib/pricing/price-types";
import { toModelPrice } from "@/lib/pricing/to-model-price";

/** The token kinds of the export, in row order: rollup column and FOCUS SkuPriceId suffix. */
export const FOCUS_TOKEN_KINDS = [
  ["inputTokens", "input"],
  ["outputTokens", "output"],
  ["cachedInputTokens", "cached-input"],
  ["cacheWriteTokens", "cache-write"],
  ["reasoningTokens", "reasoning"],
] as const;
export type FocusKind = (typeof FOCUS_TOKEN_KINDS)[number][1];

/** A catalog (list) price of one token kind of one model and tier, in force over [from, to). */
export type ListPrice = {
  provider: string;
  model: string;
  serviceTier: string;
  from: Date;
  to: Date | null;
  kind: FocusKind;
  /** pico-USD per token */
  pico: bigint;
  /** the tier's multiplier ("1" when none) */
  multiplier: string;
  /** A time-of-day window's price (minutes after midnight UTC, wrapping when from > to), or null: the standard price. */
  window: { fromMinute: number; toMinute: number } | null;
};

const ZERO = {
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  cacheTtl: "5m" as const,
  reasoningTokens: 0,
  requests: 0,
  images: 0,
  audioSeconds: 0,
};

/**
 * The prices of every model and tier the organisation used in [from, to), per token kind, as the
 * pricing engine reads them (a missing cached/cache-write price is the input price, a missing
 * reasoning price the output price; cache writes at the 5-minute price, the rollups do not keep the
 * TTL): `list`, the global catalog's (never the organisation's custom prices or discounts: FOCUS
 * ListCost), with a row per time-of-day window besides the standard price, and `custom`, the organisation's own custom prices (which the pricing engine uses
 * instead of the catalog's where they are in force; they weigh how a bucket's cost is split among
 * its token kinds). Long-context tiers are not applied: the hourly rollups do not keep a request's
 * prompt size, and the standard price is the list price.
 */
export async function listPricesFor(
  orgId: string,
  from: Date,
  to: Date,
): Promise<{ list: ListPrice[]; custom: ListPrice[] }> {
  const { rows: used } = await pgPool().query<{ provider: string; model: string; serviceTier: string }>(
    `SELECT DISTINCT provider, model, "serviceTier" FROM spend_rollups
      WHERE "orgId" = $1 AND hour >= $2 AND hour < $3`,
    [orgId, floorHour(from), to],
  );
  if (used.length === 0) return { list: [], custom: [] };
  const catalog: ModelPrice[] = (await db().modelPrice.findMany({ orderBy: { effectiveFrom: "desc" } })).map(
    toModelPrice,
  );
  const own = await loadOrgPricing(orgId);
  return {
    list: pricesOf(used, catalog, new PriceBook(catalog), from, to),
    custom: pricesOf(used, own.custom, new PriceBook(catalog, own.custom), from, to),
  };
}

function pricesOf(
  used: readonly { provider: string; model: string; serviceTier: string }[],
  versions: readonly ModelPrice[],
  book: PriceBook,
  from: Date,
  to: Date,
): ListPrice[] {
  const out: ListPrice[] = [];
  for (const u of used) {
    const m = book.match(u.model, u.provider);
    if (!m) continue;
    for (const version of versions) {
      if (version.provider !== m.provider || version.model !== m.model) continue;
      if (version.effectiveFrom >= to || (version.effectiveTo !== null && version.effectiveTo <= from)) continue;
      const tier = (
        ["standard", "batch", "flex", "priority"].includes(u.serviceTier) ? u.serviceTier : "standard"
      ) as ServiceTier;
      // The standard price, then each time-of-day window's (its prices replace the standard ones it
      // names before the tier applies, as the pricing engine does).
      const variants = [
        { window: null, price: version },
        ...(version.timeOfDay ?? []).map((w) => ({
          window: { fromMinute: w.fromMinute, toMinute: w.toMinute },
          price: { ...version, prices: { ...version.prices, ...w.prices } },
        })),
      ];
      for (const { window, price } of variants) {
        const { prices: p, multiplier } = effectivePrices(price, { ...ZERO, serviceTier: tier });
        const perKind: Record<FocusKind, bigint> = {
          input: p.input,
          output: p.output,
          "cached-input": p.cachedInput ?? p.input,
          "cache-write": p.cacheWrite5m ?? p.input,
          reasoning: p.reasoning ?? p.output,
        };
        for (const [, kind] of FOCUS_TOKEN_KINDS)
          out.push({
            provider: u.provider,
            model: u.model,
            serviceTier: u.serviceTier,
            from: version.effectiveFrom,
            to: version.effectiveTo,
            kind,
            pico: perKind[kind],
            multiplier: multiplier ?? "1",
            window,
          });
      }
    }
  }
  return out;
}
