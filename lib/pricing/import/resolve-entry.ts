import type { CatalogEntry } from "../catalog-schema";
import { type CatalogKey, matchModel, normalizeModelName } from "../match-model";

export type Resolved = { provider: string; model: string; via: "exact" | "alias" | "version" | "new" };

const last = (s: string) => s.slice(s.lastIndexOf("/") + 1);

/**
 * The catalog model an imported entry is, found with the matcher ingest uses, so that an entry
 * named by an existing model's alias (`gpt-4o-2024-08-06`, `deepseek-chat`) updates that model
 * instead of becoming a second model with the same name. Only a model of the entry's own provider
 * counts (Vertex's `gemini-2.0-flash-001` is not AI Studio's). `version`: the matcher only found
 * it by removing a version suffix, so it may be a differently priced snapshot.
 */
export function resolveEntry(e: CatalogEntry, keys: CatalogKey[]): Resolved {
  const exact = keys.find((k) => k.provider === e.provider && k.model.toLowerCase() === e.model.toLowerCase());
  if (exact) return { provider: exact.provider, model: exact.model, via: "exact" };
  const m = matchModel(e.model, e.provider, keys);
  if (!m || m.provider !== e.provider) return { provider: e.provider, model: e.model, via: "new" };
  const key = keys.find((k) => k.provider === m.provider && k.model === m.model)!;
  const names = new Set([key.model, ...key.aliases].flatMap((n) => [n.toLowerCase(), last(n.toLowerCase())]));
  const name = normalizeModelName(e.model);
  const via = names.has(name) || names.has(last(name)) ? "alias" : "version";
  return { provider: m.provider, model: m.model, via };
}
