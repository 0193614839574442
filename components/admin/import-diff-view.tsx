import { Badge, Card } from "@tremor/react";

type Prices = Record<string, string> | null | undefined;
export type Diff = {
  added: { provider: string; model: string; prices: Prices }[];
  changed: { provider: string; model: string; before: Prices; after: Prices }[];
  removed: { provider: string; model: string; prices: Prices }[];
  unchanged: number;
  invalid: { provider: string; model: string; message: string }[];
};

const brief = (p: Prices) =>
  p ? `in ${p.input ?? "–"} · out ${p.output ?? "–"}${p.cachedInput ? ` · cached ${p.cachedInput}` : ""}` : "–";

export function ImportDiffView({ diff, applied }: { diff: Diff; applied: boolean }) {
  const rows = [
    ...diff.added.map((a) => ({
      k: `+${a.provider}/${a.model}`,
      badge: <Badge color="emerald">added</Badge>,
      name: `${a.provider}/${a.model}`,
      before: "",
      after: brief(a.prices),
    })),
    ...diff.changed.map((c) => ({
      k: `~${c.provider}/${c.model}`,
      badge: <Badge color="amber">changed</Badge>,
      name: `${c.provider}/${c.model}`,
      before: brief(c.before),
      after: brief(c.after),
    })),
    ...diff.removed.map((r) => ({
      k: `-${r.provider}/${r.model}`,
      badge: <Badge color="rose">removed</Badge>,
      name: `${r.provider}/${r.model}`,
      before: brief(r.prices),
      after: "",
    })),
    ...diff.invalid.map((i) => ({
      k: `!${i.provider}/${i.model}`,
      badge: <Badge color="gray">invalid</Badge>,
      name: `${i.provider}/${i.model}`,
      before: "",
      after: i.message,
    })),
  ];
  return (
    <Card>
      <p className="mb-3 text-sm text-tremor-content-strong" data-testid="import-summary">
        {applied ? "Applied: " : "Would change: "}
        {diff.added.length} added, {diff.changed.length} changed, {diff.removed.length} removed, {diff.unchanged}{" "}
        unchanged
        {diff.invalid.length ? `, ${diff.invalid.length} invalid` : ""} (USD per 1M tokens)
      </p>
      <div className="max-h-[28rem] overflow-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-tremor-content-strong">
            <tr>
              <th className="py-1" />
              <th>Model</th>
              <th>Before</th>
              <th>After</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border">
            {rows.map((r) => (
              <tr key={r.k}>
                <td className="py-1 pr-2">{r.badge}</td>
                <td className="font-mono text-xs">{r.name}</td>
                <td className="text-xs">{r.before}</td>
                <td className="text-xs">{r.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
