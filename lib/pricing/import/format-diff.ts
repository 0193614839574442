import type { CatalogDiff } from "./diff-catalog";

const brief = (p: unknown) => {
  const x = (p ?? {}) as Record<string, string>;
  return `in ${x.input ?? "-"} / out ${x.output ?? "-"}${x.cachedInput ? ` / cached ${x.cachedInput}` : ""}`;
};

/** A human-readable summary of an import diff (USD per 1M tokens). */
export function formatDiff(d: CatalogDiff): string {
  const lines = [
    `added ${d.added.length}, changed ${d.changed.length}, removed ${d.removed.length}, unchanged ${d.unchanged}, invalid ${d.invalid.length}`,
  ];
  for (const a of d.added) lines.push(`+ ${a.provider}/${a.model}: ${brief(a.prices)}`);
  for (const c of d.changed) lines.push(`~ ${c.provider}/${c.model}: ${brief(c.before)}  →  ${brief(c.after)}`);
  for (const r of d.removed) lines.push(`- ${r.provider}/${r.model}: ${brief(r.prices)}`);
  for (const i of d.invalid) lines.push(`! ${i.provider}/${i.model}: ${i.message}`);
  return lines.join("\n");
}
