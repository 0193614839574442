import type { CatalogDiff } from "../import/diff-catalog";

/** A diff as a sync run keeps it (JSON, without the versions to write). */
export function storedDiff(d: CatalogDiff): object {
  const item = ({ version: _v, ...rest }: CatalogDiff["added"][number]) => rest;
  return JSON.parse(JSON.stringify({ ...d, added: d.added.map(item), changed: d.changed.map(item) }));
}
