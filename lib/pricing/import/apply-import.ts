import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { CatalogEntry } from "../catalog-schema";
import { invalidatePriceCache } from "../load-price-book";
import { diffCatalog, type CatalogDiff } from "./diff-catalog";

const entryData = (e: CatalogEntry, effectiveFrom: Date, importId: string, aliases: string[]) => ({
  provider: e.provider,
  model: e.model,
  displayName: e.displayName ?? null,
  aliases: e.aliases.length ? e.aliases : aliases,
  prices: e.prices,
  longContext: e.longContext ?? undefined,
  serviceTiers: e.serviceTiers ?? {},
  free: e.free,
  sourceUrl: e.sourceUrl ?? null,
  checkedAt: e.checkedAt ?? null,
  effectiveFrom,
  importId,
});

/** The catalog rows in force at `at`. */
export async function currentCatalog(at = new Date()) {
  return db().modelPrice.findMany({
    where: { effectiveFrom: { lte: at }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: at } }] },
  });
}

export async function previewImport(entries: CatalogEntry[], opts: { replace: boolean }): Promise<CatalogDiff> {
  return diffCatalog(entries, await currentCatalog(), opts);
}

/**
 * Applies an import as new effective-dated versions: a changed price ends the old row at
 * `effectiveFrom` and starts a new one; history is never rewritten. Returns the diff applied.
 */
export async function applyImport(entries: CatalogEntry[], opts: { replace: boolean; effectiveFrom?: Date }) {
  const at = opts.effectiveFrom ?? new Date();
  const importId = `import:${at.toISOString()}:${randomUUID().slice(0, 8)}`;
  const diff = await db().$transaction(async (tx) => {
    const current = await tx.modelPrice.findMany({
      where: { effectiveFrom: { lte: at }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: at } }] },
    });
    const d = diffCatalog(entries, current, opts);
    const ended = [...d.changed.map((c) => c.currentId), ...d.removed.map((r) => r.id)];
    if (ended.length) await tx.modelPrice.updateMany({ where: { id: { in: ended } }, data: { effectiveTo: at } });
    const aliasesOf = new Map(current.map((c) => [`${c.provider}/${c.model}`, c.aliases]));
    const rows = [...d.added, ...d.changed.map((c) => c.entry)].map((e) =>
      entryData(e, at, importId, aliasesOf.get(`${e.provider}/${e.model}`) ?? []),
    );
    if (rows.length) await tx.modelPrice.createMany({ data: rows });
    return d;
  });
  invalidatePriceCache();
  return { diff, importId, effectiveFrom: at };
}
