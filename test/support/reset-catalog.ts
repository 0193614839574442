import { db } from "@/lib/db";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { invalidatePriceCache } from "@/lib/pricing/load-price-book";

/** Puts the shipped catalog back (tests that import prices change the run's shared catalog). */
export async function resetCatalog(): Promise<void> {
  await db().modelPrice.deleteMany({});
  await installShippedCatalogIfEmpty();
  invalidatePriceCache();
}
