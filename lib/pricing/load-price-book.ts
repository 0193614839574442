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

/** A book being read, or read: `ready` once it resolved (it may then stand in while the next is read). */
type BookEntry = Cached<Promise<PriceBook>> & { ready: boolean; next?: Promise<PriceBook> };
const books = new Map<string, BookEntry>();

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
 * corrects any event priced from a stale cache. Past those seconds the last book still answers
 * while one read replaces it (no caller waits on the catalog); only the first read, and the one
 * after invalidatePriceCache, is waited for.
 */
export function loadPriceBook(orgId: string): Promise<PriceBook> {
  const hit = books.get(orgId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  if (hit?.ready) {
    if (!hit.next) {
      const next = readBook(orgId);
      hit.next = next;
      next.then(
        () => {
          if (books.get(orgId) === hit) books.set(orgId, { at: Date.now(), value: next, ready: true });
        },
        () => {
          hit.next = undefined; // the next call tries again
        },
      );
    }
    return hit.value;
  }
  if (hit) return hit.value;
  const entry: BookEntry = { at: Date.now(), value: readBook(orgId), ready: false };
  books.set(orgId, entry);
  entry.value.then(
    () => {
      entry.ready = true;
    },
    () => {
      if (books.get(orgId) === entry) books.delete(orgId);
    },
  );
  return entry.value;
}

const readBook = (orgId: string) =>
  Promise.all([cachedCatalog(), loadOrgPricing(orgId)]).then(
    ([versions, own]) => new PriceBook(versions, own.custom, own.discounts),
  );

export function invalidatePriceCache(orgId?: string): void {
  if (orgId) books.delete(orgId);
  else {
    catalog = undefined;
    books.clear();
  }
}
