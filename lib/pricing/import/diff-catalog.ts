import { type CatalogEntry, catalogEntrySchema } from "../catalog-schema";
import {
  type CatalogRow,
  inForceAt,
  keyOf,
  keysOf,
  type PriceParts,
  priceParts,
  type StoredFields,
} from "./catalog-row";
import { samePrices } from "./decimal-equal";
import { mergeEntry } from "./merge-entry";
import { resolveEntry } from "./resolve-entry";
import type { SanityIssue } from "./sanity-checks";

/** A version the import would write: stored fields and the interval it is in force. */
export type NewVersion = StoredFields & { id: string; effectiveFrom: Date; effectiveTo: Date | null };

export type DiffItem = {
  provider: string;
  model: string;
  /** The name the file used (an alias, a dated snapshot, a prefixed name). */
  sourceName: string;
  /** A dated version: in force from then; null: from the import. */
  effectiveFrom: string | null;
  currentId: string | null;
  before: PriceParts | null;
  after: PriceParts;
  /** Events of the last 30 days priced differently, and by how much in total (USD), if known. */
  impact?: { events: number; delta: string };
  /** LiteLLM's mode (chat, embedding, …), for the sanity checks. */
  mode?: string;
  version: NewVersion;
};

export type CatalogDiff = {
  added: DiffItem[];
  changed: DiffItem[];
  removed: { id: string; provider: string; model: string; prices: unknown }[];
  unchanged: number;
  invalid: { provider: string; model: string; message: string }[];
  issues: SanityIssue[];
  impact?: { events: number; delta: string; days: number };
};

type Candidate = { entry: CatalogEntry; provider: string; model: string; at: Date; exactName: boolean };

function parseEntries(incoming: CatalogEntry[], diff: CatalogDiff): CatalogEntry[] {
  const ok: CatalogEntry[] = [];
  for (const raw of incoming) {
    const parsed = catalogEntrySchema.safeParse(raw);
    if (parsed.success) ok.push(parsed.data);
    else {
      const i = parsed.error.issues[0]!;
      diff.invalid.push({
        provider: String(raw?.provider),
        model: String(raw?.model),
        message: `${i.path.join(".")}: ${i.message}`,
      });
    }
  }
  return ok;
}

/**
 * What an import would change, version by version, against every stored version: each entry is
 * resolved to the catalog model it names (the ingest matcher), merged into the version in force at
 * its date (now, or its own `effectiveFrom`), and compared by decimal value. A changed version
 * ends the one in force at that instant and takes over until that one would have ended, so
 * applying the same file twice changes nothing. Only a full replacement removes models.
 */
export function diffCatalog(incoming: CatalogEntry[], rows: CatalogRow[], opts: { replace: boolean; at?: Date }) {
  const at = opts.at ?? new Date();
  const diff: CatalogDiff = { added: [], changed: [], removed: [], unchanged: 0, invalid: [], issues: [] };
  const keys = keysOf(rows);
  const sim: (CatalogRow | NewVersion)[] = rows.map((r) => ({ ...r }));
  const rowAt = (key: string, t: Date) => sim.find((r) => keyOf(r) === key && inForceAt(r, t)) ?? null;

  const chosen = new Map<string, Candidate>();
  for (const entry of parseEntries(incoming, diff)) {
    const t = entry.effectiveFrom ? new Date(entry.effectiveFrom) : at;
    let target = resolveEntry(entry, keys);
    if (target.via === "version") {
      const row = rowAt(keyOf(target), t);
      const same = row && samePrices(priceParts(mergeEntry(row, entry)), priceParts(row));
      if (!same) target = { provider: entry.provider, model: entry.model, via: "new" };
    }
    const id = `${keyOf(target)}@${t.toISOString()}`;
    const exactName = target.model.toLowerCase() === entry.model.toLowerCase();
    const prior = chosen.get(id);
    const candidate = { entry, provider: target.provider, model: target.model, at: t, exactName };
    if (!prior || (exactName && !prior.exactName)) {
      if (prior) noteDuplicate(diff, prior, candidate);
      chosen.set(id, candidate);
    } else noteDuplicate(diff, candidate, prior);
  }

  const ordered = [...chosen.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  let n = 0;
  for (const c of ordered) {
    const key = keyOf(c);
    const row = rowAt(key, c.at);
    const merged = mergeEntry(row as CatalogRow | null, { ...c.entry, provider: c.provider, model: c.model });
    if (row && samePrices(priceParts(merged), priceParts(row))) {
      diff.unchanged++;
      continue;
    }
    const next = sim
      .filter((r) => keyOf(r) === key && r.effectiveFrom > c.at)
      .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime())[0];
    const version: NewVersion = {
      ...merged,
      id: `new:${n++}`,
      effectiveFrom: c.at,
      effectiveTo: row ? row.effectiveTo : (next?.effectiveFrom ?? null),
    };
    if (row) row.effectiveTo = c.at;
    sim.push(version);
    const item: DiffItem = {
      provider: c.provider,
      model: c.model,
      sourceName: c.entry.model,
      effectiveFrom: c.entry.effectiveFrom ?? null,
      currentId: row && !row.id.startsWith("new:") ? row.id : null,
      before: row ? priceParts(row) : null,
      after: priceParts(merged),
      ...(c.entry.mode ? { mode: c.entry.mode } : {}),
      version,
    };
    (row ? diff.changed : diff.added).push(item);
  }

  if (opts.replace) {
    const seen = new Set(ordered.map(keyOf));
    for (const r of rows)
      if (inForceAt(r, at) && !seen.has(keyOf(r)))
        diff.removed.push({ id: r.id, provider: r.provider, model: r.model, prices: r.prices });
  }
  return diff;
}

function noteDuplicate(diff: CatalogDiff, dropped: Candidate, kept: Candidate) {
  if (samePrices(dropped.entry.prices, kept.entry.prices)) return;
  diff.invalid.push({
    provider: dropped.entry.provider,
    model: dropped.entry.model,
    message: `same model as ${kept.provider}/${kept.model} (listed as ${kept.entry.model}), whose prices are kept`,
  });
}
