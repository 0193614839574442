import { formatDay } from "@/components/ui/format-date";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { CatalogOverrideBadge } from "./catalog-override-badge";
import { formatTokens, formatUsd } from "./format-price";
import type { CatalogRow } from "./types";

function longContextNote(lc: CatalogRow["longContext"]): string {
  if (!lc) return "—";
  const parts = [lc.input && `in ${formatUsd(lc.input)}`, lc.output && `out ${formatUsd(lc.output)}`].filter(Boolean);
  return `> ${formatTokens(lc.thresholdTokens)}: ${parts.join(" · ") || "other rates"}`;
}

/** Current catalog prices, USD per 1M tokens, with rows this organisation overrides marked. */
export function CatalogTable({ rows }: { rows: CatalogRow[] }) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Model</TableHeaderCell>
            <TableHeaderCell className="text-right">Input</TableHeaderCell>
            <TableHeaderCell className="text-right">Output</TableHeaderCell>
            <TableHeaderCell className="text-right">Cached</TableHeaderCell>
            <TableHeaderCell>Long context</TableHeaderCell>
            <TableHeaderCell>Source</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow
              key={`${r.provider}/${r.model}`}
              data-testid="catalog-row"
              className={r.override ? "bg-tremor-brand-faint/60" : undefined}
            >
              <TableCell>
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-tremor-content-strong">{r.displayName ?? r.model}</span>
                  {r.override ? <CatalogOverrideBadge override={r.override} /> : null}
                </span>
                <code className="block text-xs">
                  {r.provider} / {r.model}
                </code>
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatUsd(r.prices.input)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatUsd(r.prices.output)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatUsd(r.prices.cachedInput)}</TableCell>
              <TableCell className="whitespace-nowrap text-xs">{longContextNote(r.longContext)}</TableCell>
              <TableCell className="whitespace-nowrap text-xs">
                {r.sourceUrl ? (
                  <a href={r.sourceUrl} target="_blank" rel="noreferrer" className="text-tremor-brand underline">
                    source
                  </a>
                ) : (
                  "—"
                )}
                {r.checkedAt ? <span className="block">checked {formatDay(r.checkedAt)}</span> : null}
                {r.sources ? (
                  <span className="block cursor-help underline decoration-dotted" title={r.sources}>
                    {r.sources.includes("Disagree") || r.sources.includes("disagreement")
                      ? "sources disagree"
                      : "cross-checked"}
                  </span>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
