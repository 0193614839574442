import { catalogEntrySchema, type CatalogEntry } from "../catalog-schema";

export type CurrentPrice = {
  id: string;
  provider: string;
  model: string;
  prices: unknown;
  longContext: unknown;
  serviceTiers: unknown;
};
export type PriceChange = { provider: string; model: string; before: unknown; after: unknown };
export type CatalogDiff = {
  added: CatalogEntry[];
  changed: (PriceChange & { currentId: string; entry: CatalogEntry })[];
  removed: { id: string; provider: string; model: string; prices: unknown }[];
  unchanged: number;
  invalid: { provider: string; model: string; message: string }[];
};

const canonical = (v: unknown): string =>
  JSON.stringify(v ?? null, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
  );
const samePrice = (e: CatalogEntry, c: CurrentPrice) =>
  canonical(e.prices) === canonical(c.prices) &&
  canonical(e.longContext) === canonical(c.longContext) &&
  canonical(e.serviceTiers ?? {}) === canonical(c.serviceTiers ?? {});

/**
 * What an import would change against the prices in force: added models, changed prices (old
 * and new), and — only for a full replacement — models the file no longer lists.
 */
export function diffCatalog(
  incoming: CatalogEntry[],
  current: CurrentPrice[],
  opts: { replace: boolean },
): CatalogDiff {
  const byKey = new Map(current.map((c) => [`${c.provider}/${c.model}`, c]));
  const seen = new Set<string>();
  const diff: CatalogDiff = { added: [], changed: [], removed: [], unchanged: 0, invalid: [] };
  for (const raw of incoming) {
    const parsed = catalogEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      diff.invalid.push({ provider: raw.provider, model: raw.model, message: `${i.path.join(".")}: ${i.message}` });
      continue;
    }
    const e = parsed.data;
    const key = `${e.provider}/${e.model}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = byKey.get(key);
    if (!c) diff.added.push(e);
    else if (samePrice(e, c)) diff.unchanged++;
    else
      diff.changed.push({
        provider: e.provider,
        model: e.model,
        before: c.prices,
        after: e.prices,
        currentId: c.id,
        entry: e,
      });
  }
  if (opts.replace) {
    for (const c of current)
      if (!seen.has(`${c.provider}/${c.model}`))
        diff.removed.push({ id: c.id, provider: c.provider, model: c.model, prices: c.prices });
  }
  return diff;
}
