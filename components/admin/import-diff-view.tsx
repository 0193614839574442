import { formatDay } from "@/components/ui/format-date";
import { Badge, Card } from "@tremor/react";
import type { ApiResponse } from "@/lib/client/api-types";
import { SanityIssuesList } from "./sanity-issues-list";

export type Diff = ApiResponse<"admin.importPrices">["diff"];
type Item = Diff["added"][number];
type Prices = Record<string, string> | null | undefined;

const brief = (p: Prices) =>
  p ? `in ${p.input ?? "–"} · out ${p.output ?? "–"}${p.cachedInput ? ` · cached ${p.cachedInput}` : ""}` : "–";
const name = (i: Item) =>
  `${i.provider}/${i.model}${i.sourceName !== i.model ? ` (as ${i.sourceName})` : ""}${i.effectiveFrom ? ` from ${formatDay(i.effectiveFrom)}` : ""}`;
const impact = (i: Item) => (i.impact ? `${i.impact.events} events · ${i.impact.delta} USD` : "");

/** An import's or a sync's changes: what each does to prices, and to the last 30 days of events. */
export function ImportDiffView({ diff, applied }: { diff: Diff; applied: boolean }) {
  const rows = [
    ...diff.added.map((a) => ({
      k: `+${a.provider}/${a.model}/${a.effectiveFrom}`,
      badge: <Badge color="emerald">added</Badge>,
      name: name(a),
      before: "",
      after: brief(a.after.prices),
      impact: impact(a),
    })),
    ...diff.changed.map((c) => ({
      k: `~${c.provider}/${c.model}/${c.effectiveFrom}`,
      badge: <Badge color="amber">changed</Badge>,
      name: name(c),
      before: brief(c.before?.prices),
      after: brief(c.after.prices),
      impact: impact(c),
    })),
    ...diff.removed.map((r) => ({
      k: `-${r.provider}/${r.model}`,
      badge: <Badge color="rose">removed</Badge>,
      name: `${r.provider}/${r.model}`,
      before: brief(r.prices as Prices),
      after: "",
      impact: "",
    })),
    ...diff.invalid.map((i) => ({
      k: `!${i.provider}/${i.model}`,
      badge: <Badge color="gray">refused</Badge>,
      name: `${i.provider}/${i.model}`,
      before: "",
      after: i.message,
      impact: "",
    })),
  ];
  return (
    <Card className="space-y-3">
      <p className="text-sm text-tremor-content-strong" data-testid="import-summary">
        {applied ? "Applied: " : "Would change: "}
        {diff.added.length} added, {diff.changed.length} changed, {diff.removed.length} removed, {diff.unchanged}{" "}
        unchanged
        {diff.invalid.length ? `, ${diff.invalid.length} refused` : ""} (USD per 1M tokens)
        {diff.impact
          ? `. Last ${diff.impact.days} days: ${diff.impact.events} events priced differently, ${diff.impact.delta} USD in total.`
          : ""}
      </p>
      <SanityIssuesList issues={diff.issues} />
      <div className="max-h-[28rem] overflow-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-tremor-content-strong">
            <tr>
              <th className="py-1" />
              <th>Model</th>
              <th>Before</th>
              <th>After</th>
              <th>Last 30 days</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border">
            {rows.map((r) => (
              <tr key={r.k}>
                <td className="py-1 pr-2">{r.badge}</td>
                <td className="font-mono text-xs">{r.name}</td>
                <td className="text-xs">{r.before}</td>
                <td className="text-xs">{r.after}</td>
                <td className="text-xs">{r.impact}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
