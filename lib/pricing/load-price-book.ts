import { db } from "@/lib/db";
import { PriceBook } from "./price-book";
import type { ModelPrice } from "./price-types";
import { toModelPrice } from "./to-model-price";

const TTL_MS = 3_000;
type Cached<T> = { at: number; value: T };

let catalog: Cached<Promise<ModelPrice[]>> | undefined;

function fresh<T>(c: Cached<T> | undefined): c is Cached<T> {
  return !!c && Date.now() - c.at < TTL_MS;
}

async function loadCatalog(): Promise<ModelPrice[]> {
  const rows = await db().modelPrice.findMany({ orderBy: { effectiveFrom: "desc" } });
  return rows.map(toModelPrice);
}

/** An organisation's custom prices and discounts, as the price book takes them. */
export async function loadOrgPricing(orgId: string) {
  const rows = await db().priceOverride.findMany({ where: { orgId }, orderBy: { effectiveFrom: "desc" } });
  const custom = rows
    .filter((r) => r.kind === "CUSTOM_PRICE" && r.provider && r.model && r.prices)
    .map((r) =>
      toModelPrice({
        provider: r.provider!,
        model: r.model!,
        prices: r.prices,
        longContext: r.longContext,
        serviceTiers: r.serviceTiers,
        effectiveFrom: r.effectiveFrom,
        effectiveTo: r.effectiveTo,
      }),
    );
  const discounts = rows
    .filter((r) => r.kind === "DISCOUNT" && r.percentOff)
    .map((r) => ({
      provider: r.provider,
      model: r.model,
      percentOff: r.percentOff!.toString(),
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
    }));
  return { custom, discounts };
}

const books = new Map<string, Cached<Promise<PriceBook>>>();

function cachedCatalog(): Promise<ModelPrice[]> {
  if (!fresh(catalog)) {
    const value = loadCatalog();
    catalog = { at: Date.now(), value };
    value.catch(() => (catalog = undefined));
  }
  return catalog.value;
}

/**
 * The price book for one organisation (catalog + its overrides), cached for a few seconds per
 * process with its model-name matches; a price change also queues a re-pricing job, which
 * corrects any event priced from a stale cache.
 */
export function loadPriceBook(orgId: string): Promise<PriceBook> {
  const hit = books.get(orgId);
  if (fresh(hit)) return hit.value;
  const value = Promise.all([cachedCatalog(), loadOrgPricing(orgId)]).then(
    ([versions, own]) => new PriceBook(versions, own.custom, own.discounts),
  );
  books.set(orgId, { at: Date.now(), value });
  value.catch(() => books.delete(orgId));
  return value;
}

export function invalidatePriceCache(orgId?: string): void {
  if (orgId) books.delete(orgId);
  else {
    catalog = undefined;
    books.clear();
  }
}
