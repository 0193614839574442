import type { CatalogKey } from "../match-model";

/** One stored catalog version (a model_prices row), as the import reads it. */
export type CatalogRow = {
  id: string;
  provider: string;
  model: string;
  displayName: string | null;
  aliases: string[];
  prices: unknown;
  longContext: unknown;
  serviceTiers: unknown;
  timeOfDay: unknown;
  free: boolean;
  sourceUrl: string | null;
  checkedAt: string | null;
  sources: string | null;
  effectiveFrom: Date;
  effectiveTo: Date | null;
};

/** The fields of a version an import writes. */
export type StoredFields = Omit<CatalogRow, "id" | "effectiveFrom" | "effectiveTo">;

/** What prices a version: compared to decide whether an entry changes anything. */
export type PriceParts = { prices: unknown; longContext: unknown; serviceTiers: unknown; timeOfDay: unknown };

export const priceParts = (f: PriceParts): PriceParts => ({
  prices: f.prices,
  longContext: f.longContext ?? null,
  serviceTiers: f.serviceTiers ?? {},
  timeOfDay: f.timeOfDay ?? null,
});

export const keyOf = (r: { provider: string; model: string }) => `${r.provider}/${r.model}`;

export const inForceAt = (r: { effectiveFrom: Date; effectiveTo: Date | null }, at: Date) =>
  r.effectiveFrom <= at && (r.effectiveTo === null || at < r.effectiveTo);

/** One matcher key per catalog model (the newest version's aliases), as ingest builds them. */
export function keysOf(rows: CatalogRow[]): CatalogKey[] {
  const newest = new Map<string, CatalogRow>();
  for (const r of rows) {
    const seen = newest.get(keyOf(r));
    if (!seen || seen.effectiveFrom < r.effectiveFrom) newest.set(keyOf(r), r);
  }
  return [...newest.values()].map((r) => ({ provider: r.provider, model: r.model, aliases: r.aliases }));
}
