import { db } from "@/lib/db";
import { loadShippedCatalog } from "./load-shipped-catalog";

/** Prices of the shipped catalog apply to all history before its first install. */
export const CATALOG_EPOCH = new Date("2020-01-01T00:00:00Z");

/**
 * Installs the shipped catalog into an empty model_prices table (first start). Later changes
 * go through the import command, which versions prices instead of rewriting them.
 */
export async function installShippedCatalogIfEmpty(): Promise<number> {
  if ((await db().modelPrice.count()) > 0) return 0;
  const file = loadShippedCatalog();
  await db().modelPrice.createMany({
    data: file.models.map((m) => ({
      provider: m.provider,
      model: m.model,
      displayName: m.displayName ?? null,
      aliases: m.aliases,
      prices: m.prices,
      longContext: m.longContext ?? undefined,
      serviceTiers: m.serviceTiers ?? {},
      timeOfDay: m.timeOfDay ?? undefined,
      free: m.free,
      sourceUrl: m.sourceUrl ?? null,
      checkedAt: m.checkedAt ?? null,
      sources: m.sources ?? null,
      effectiveFrom: m.effectiveFrom ? new Date(m.effectiveFrom) : CATALOG_EPOCH,
      importId: `shipped:${file.catalogVersion}`,
    })),
  });
  return file.models.length;
}
