import { pgPool } from "@/lib/db/pg-pool";
import { formatPicoUsd } from "@/lib/money/pico";
import { matchModel } from "../match-model";
import { loadOrgPricing } from "../load-price-book";
import { PriceBook } from "../price-book";
import { priceStoredEvent, type StoredUsage } from "../price-stored-event";
import { toModelPrice } from "../to-model-price";
import { type CatalogRow, keyOf, keysOf } from "./catalog-row";
import type { CatalogDiff, DiffItem } from "./diff-catalog";

export const IMPACT_DAYS = 30;
const CHUNK = 5000;

type Row = StoredUsage & { orgId: string; id: string; costPico: string | null };

/** The proposed versions as if they had always been in force, before the stored ones. */
function proposedCatalog(items: DiffItem[], rows: CatalogRow[], now: Date) {
  const proposed = items
    .filter((i) => !i.effectiveFrom || new Date(i.effectiveFrom) <= now)
    .map((i) => toModelPrice({ ...i.version, effectiveFrom: new Date(0), effectiveTo: null }));
  return [...proposed, ...rows.map(toModelPrice)];
}

/**
 * What each change does to events: how many events of the last 30 days would be priced
 * differently with it, and the total difference (USD, exact), over every organisation, with
 * their own custom prices and discounts. Reads events of the changed models and unpriced events.
 */
export async function estimateImpact(diff: CatalogDiff, rows: CatalogRow[], now = new Date()): Promise<void> {
  const items = [...diff.added, ...diff.changed];
  const totals = { events: 0, delta: 0n };
  diff.impact = { events: 0, delta: "0", days: IMPACT_DAYS };
  if (items.length === 0) return;
  const keys = keysOf(rows);
  const priced = new Set(diff.changed.map(keyOf));
  for (const a of diff.added) {
    const m = matchModel(a.model, a.provider, keys);
    if (m) priced.add(keyOf(m));
  }
  const catalog = proposedCatalog(items, rows, now);
  const perKey = new Map<string, { events: number; delta: bigint }>();
  const books = new Map<string, PriceBook>();
  const since = new Date(now.getTime() - IMPACT_DAYS * 86_400_000);
  let cursor: [string, Date, string] = ["", new Date(0), "0"];
  for (;;) {
    const { rows: events } = await pgPool().query<Row>(
      `SELECT "orgId", "timestamp", id::text, provider, model, "inputTokens", "outputTokens", "cachedInputTokens",
              "cacheWriteTokens", "cacheTtl", "reasoningTokens", requests, images, "audioMillis", "serviceTier", "costPico"::text
         FROM usage_events
        WHERE "timestamp" >= $1 AND "timestamp" < $2 AND ("pricedModel" = ANY($3) OR priced = false)
          AND ("orgId", "timestamp", id) > ($4, $5, $6::int8)
        ORDER BY "orgId", "timestamp", id LIMIT ${CHUNK}`,
      [since, now, [...priced], ...cursor],
    );
    if (events.length === 0) break;
    for (const e of events) {
      let book = books.get(e.orgId);
      if (!book) {
        const own = await loadOrgPricing(e.orgId);
        book = new PriceBook(catalog, own.custom, own.discounts);
        books.set(e.orgId, book);
      }
      const next = priceStoredEvent(book, e);
      const old = e.costPico === null ? null : BigInt(e.costPico);
      if (next.cost === old || !next.pricedModel) continue;
      const t = perKey.get(next.pricedModel) ?? { events: 0, delta: 0n };
      t.events++;
      t.delta += (next.cost ?? 0n) - (old ?? 0n);
      perKey.set(next.pricedModel, t);
      totals.events++;
      totals.delta += (next.cost ?? 0n) - (old ?? 0n);
    }
    const lastRow = events[events.length - 1]!;
    cursor = [lastRow.orgId, lastRow.timestamp, lastRow.id];
  }
  for (const i of items) {
    const t = perKey.get(keyOf(i)) ?? { events: 0, delta: 0n };
    i.impact = { events: t.events, delta: formatPicoUsd(t.delta) };
  }
  diff.impact = { events: totals.events, delta: formatPicoUsd(totals.delta), days: IMPACT_DAYS };
}
