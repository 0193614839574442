"use client";

import Link from "next/link";
import { useState } from "react";
import { compareMoney, formatMoney, formatMoneyPrecise } from "@/lib/money/format";
import { changeOf, costsByLabel, describeChange } from "./compare";
import { seriesLabel } from "./chart-data";
import { dimensionHref, displayValue, exploreHref } from "./dimensions";
import type { Dimension, SpendResponse } from "./types";

/**
 * The largest groups of a one-dimension spend answer as bars, each linking to its page (or to Explore
 * filtered to it), with the change against `previous` when given. "and N more" shows the rest.
 * Bar lengths are approximate (Number); amounts are formatted from the API's exact strings.
 */
export function TopSpendList({
  orgSlug,
  dimension,
  data,
  previous,
  limit = 6,
  range,
}: {
  orgSlug: string;
  dimension: Dimension;
  data: SpendResponse;
  previous?: SpendResponse;
  limit?: number;
  /** The Explore range of the links of dimensions without a page (`{ from, to }` inclusive UTC days). */
  range?: { from: string; to: string };
}) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? data.series : data.series.slice(0, limit);
  const rest = data.series.length - shown.length;
  const max = Math.max(...data.series.map((s) => Number(s.total.cost)), 0);
  const prev = previous ? costsByLabel(previous) : null;
  return (
    <div>
      <ul className="space-y-2" data-testid="top-list">
        {shown.map((s) => {
          const value = s.key[dimension];
          const label = displayValue(value);
          const href =
            dimensionHref(orgSlug, dimension, value) ??
            exploreHref(orgSlug, { filters: { [dimension]: label }, ...(range ?? {}) });
          const width = max > 0 ? Math.max((Number(s.total.cost) / max) * 100, 1) : 0;
          const change = prev ? changeOf(s.total.cost, prev.get(seriesLabel(s.key, data.groupBy)) ?? "0") : null;
          return (
            <li key={label} className="text-sm" data-testid="top-list-row">
              <div className="flex items-baseline justify-between gap-3">
                <Link
                  href={href}
                  className="min-w-0 truncate hover:underline"
                  data-testid="top-list-link"
                  title={label}
                >
                  {label}
                </Link>
                <span
                  className="shrink-0 tabular-nums text-tremor-content-strong"
                  title={formatMoneyPrecise(s.total.cost, "USD", 6)}
                  data-testid="top-list-cost"
                >
                  {formatMoney(s.total.cost)}
                </span>
              </div>
              <div className="mt-1 flex items-center gap-3">
                <div className="h-1.5 min-w-0 flex-1 rounded bg-tremor-background-subtle">
                  <div className="h-1.5 rounded bg-tremor-brand" style={{ width: `${width}%` }} />
                </div>
                {change ? (
                  <span
                    className={`shrink-0 text-xs tabular-nums ${compareMoney(change.delta, "0") > 0 ? "text-rose-700 dark:text-rose-400" : "text-tremor-content"}`}
                    data-testid="top-list-change"
                  >
                    {describeChange(change)}
                  </span>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {rest > 0 ? (
        <button
          type="button"
          className="mt-3 text-xs text-tremor-brand underline"
          onClick={() => setExpanded(true)}
          data-testid="top-list-more"
        >
          and {rest} more
        </button>
      ) : expanded && data.series.length > limit ? (
        <button type="button" className="mt-3 text-xs text-tremor-brand underline" onClick={() => setExpanded(false)}>
          Show fewer
        </button>
      ) : null}
    </div>
  );
}
