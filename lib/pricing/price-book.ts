import { matchModel, type CatalogKey } from "./match-model";
import type { ModelPrice } from "./price-types";
import { atTimeOfDay } from "./time-of-day";

export type Discount = {
  provider: string | null;
  model: string | null;
  percentOff: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
};

export type ResolvedPrice = { provider: string; model: string; price: ModelPrice; percentOff: string | null };

const inForce = (from: Date, to: Date | null, at: Date) => from <= at && (to === null || at < to);

/**
 * Every price an organisation's events can be priced with: the global catalog's versions, the
 * organisation's custom prices (which win for the same model) and its discounts (the most
 * specific in force wins: model, then provider, then all).
 */
export class PriceBook {
  private readonly versions = new Map<string, ModelPrice[]>();
  private readonly custom = new Map<string, ModelPrice[]>();
  private readonly keys: CatalogKey[] = [];
  private readonly matches = new Map<string, { provider: string; model: string } | null>();

  constructor(
    catalog: ModelPrice[],
    customPrices: ModelPrice[] = [],
    // Stryker disable next-line ArrayDeclaration: equivalent, a non-Discount element is never in force (docs/mutation.md)
    private readonly discounts: Discount[] = [],
  ) {
    for (const p of catalog) this.add(this.versions, p);
    for (const p of customPrices) this.add(this.custom, p);
  }

  private add(into: Map<string, ModelPrice[]>, p: ModelPrice) {
    const id = `${p.provider}/${p.model}`;
    if (!this.versions.has(id) && !this.custom.has(id))
      this.keys.push({ provider: p.provider, model: p.model, aliases: p.aliases });
    // Stryker disable next-line ArrayDeclaration: equivalent, a non-price element is never in force (docs/mutation.md)
    const list = into.get(id) ?? [];
    list.push(p);
    into.set(id, list);
  }

  /** The catalog entry a raw model name maps to (cached per name and provider). */
  match(rawModel: string, provider?: string) {
    // Stryker disable next-line StringLiteral: equivalent, any text no provider is named works (docs/mutation.md)
    const cacheKey = `${provider ?? ""}\u0000${rawModel}`;
    // Stryker disable next-line ConditionalExpression: equivalent, the cache only saves time (docs/mutation.md)
    if (!this.matches.has(cacheKey)) this.matches.set(cacheKey, matchModel(rawModel, provider, this.keys));
    return this.matches.get(cacheKey)!;
  }

  /** The price in force at `at` for this model, or null when Burnrate has no price for it. */
  resolve(rawModel: string, provider: string | undefined, at: Date): ResolvedPrice | null {
    const m = this.match(rawModel, provider);
    if (!m) return null;
    const id = `${m.provider}/${m.model}`;
    const price =
      this.custom.get(id)?.find((p) => inForce(p.effectiveFrom, p.effectiveTo, at)) ??
      this.versions.get(id)?.find((p) => inForce(p.effectiveFrom, p.effectiveTo, at));
    if (!price) return null;
    return {
      provider: m.provider,
      model: m.model,
      price: atTimeOfDay(price, at),
      percentOff: this.discountFor(m.provider, m.model, at),
    };
  }

  private discountFor(provider: string, model: string, at: Date): string | null {
    const live = this.discounts.filter((d) => inForce(d.effectiveFrom, d.effectiveTo, at));
    const pick =
      live.find((d) => d.model === model && (d.provider === null || d.provider === provider)) ??
      live.find((d) => d.model === null && d.provider === provider) ??
      live.find((d) => d.model === null && d.provider === null);
    return pick?.percentOff ?? null;
  }
}
