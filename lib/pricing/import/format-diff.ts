import type { CatalogDiff, DiffItem } from "./diff-catalog";

const brief = (p: unknown) => {
  const x = (p ?? {}) as Record<string, string>;
  return `in ${x.input ?? "-"} / out ${x.output ?? "-"}${x.cachedInput ? ` / cached ${x.cachedInput}` : ""}`;
};
const when = (i: DiffItem) => (i.effectiveFrom ? ` (from ${i.effectiveFrom})` : "");
const via = (i: DiffItem) => (i.sourceName !== i.model ? ` [as ${i.sourceName}]` : "");
const impact = (i: DiffItem) => (i.impact ? `  · ${i.impact.events} events, ${i.impact.delta} USD` : "");

/** A human-readable summary of an import diff (USD per 1M tokens). */
export function formatDiff(d: CatalogDiff): string {
  const lines = [
    `added ${d.added.length}, changed ${d.changed.length}, removed ${d.removed.length}, unchanged ${d.unchanged}, invalid ${d.invalid.length}, needing confirmation ${d.issues.length}`,
  ];
  for (const a of d.added)
    lines.push(`+ ${a.provider}/${a.model}${via(a)}${when(a)}: ${brief(a.after.prices)}${impact(a)}`);
  for (const c of d.changed)
    lines.push(
      `~ ${c.provider}/${c.model}${via(c)}${when(c)}: ${brief(c.before?.prices)}  →  ${brief(c.after.prices)}${impact(c)}`,
    );
  for (const r of d.removed) lines.push(`- ${r.provider}/${r.model}: ${brief(r.prices)}`);
  for (const i of d.invalid) lines.push(`! ${i.provider}/${i.model}: ${i.message}`);
  for (const s of d.issues) lines.push(`? ${s.provider}/${s.model}: ${s.message}`);
  if (d.impact)
    lines.push(
      `last ${d.impact.days} days: ${d.impact.events} events would be priced differently, ${d.impact.delta} USD in total`,
    );
  return lines.join("\n");
}
