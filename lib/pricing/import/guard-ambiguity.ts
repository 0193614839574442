import { type CatalogKey, matchModel } from "../match-model";
import { type CatalogRow, keyOf, keysOf } from "./catalog-row";
import type { CatalogDiff } from "./diff-catalog";

export type UsedName = { model: string; provider?: string };

/**
 * The import must never make a priced model unpriced: every name that resolves to a model now
 * (each model and alias of the catalog, and each model name of recent events) must still resolve
 * once the added models are in. An added model that would make such a name ambiguous is refused.
 */
export function guardAmbiguity(diff: CatalogDiff, rows: CatalogRow[], names: UsedName[]): void {
  if (diff.added.length === 0) return;
  const before = keysOf(rows);
  const addedKeys = new Map(
    diff.added.map((a) => [keyOf(a), { provider: a.provider, model: a.model, aliases: a.version.aliases }]),
  );
  const after: CatalogKey[] = [...before.filter((k) => !addedKeys.has(keyOf(k))), ...addedKeys.values()];
  const all = [
    ...before.flatMap((k) => [k.model, ...k.aliases].map((model) => ({ model, provider: k.provider }))),
    ...names,
  ];
  const refused = new Map<string, string>();
  for (const n of all) {
    if (!matchModel(n.model, n.provider, before) || matchModel(n.model, n.provider, after)) continue;
    for (const [key, k] of addedKeys)
      if (!refused.has(key) && matchModel(n.model, n.provider, [k]))
        refused.set(key, `would make "${n.model}" ambiguous, so events of that name would lose their price`);
  }
  if (refused.size === 0) return;
  diff.added = diff.added.filter((a) => !refused.has(keyOf(a)));
  for (const [key, message] of refused) {
    const [provider, ...model] = key.split("/");
    diff.invalid.push({ provider: provider!, model: model.join("/"), message });
  }
}
