"use client";

import { AreaChart, BarChart, type CustomTooltipProps } from "@tremor/react";
import { addMoney, compareMoney, formatMoney, formatMoneyExact } from "@/lib/money/format";
import { BUCKET_START, chartMoney, INDEX, OTHER } from "./chart-data";
import { exactKey, toStackedAreaRows } from "./stacked-rows";
import type { SpendResponse } from "./types";

export type ChartKind = "area" | "bar";

/** Distinct neighbours (Tremor's defaults are mostly blues); "Other" is always grey. */
const PALETTE = ["blue", "emerald", "amber", "violet", "rose", "cyan", "lime", "fuchsia", "orange", "teal"];

/** What a click on the chart picked: a series (legend entry or its area/bar), and the bucket of a dot or bar. */
export type ChartSelection = { series: string | null; bucketStart: string | null };

/**
 * The tooltip: every series of the bucket with its amount in cents and its exact amount, largest first,
 * and their total. Amounts come from the row's exact strings, never from the plotted numbers.
 */
function SpendTooltip({
  payload,
  active,
  label,
  categories,
  colorOf,
}: CustomTooltipProps & { categories: string[]; colorOf: Map<string, string> }) {
  if (!active || !payload?.length) return null;
  const row = (payload[0]?.payload ?? {}) as Record<string, string | number>;
  const items = categories
    .map((name) => ({ name, value: String(row[exactKey(name)] ?? "0"), color: colorOf.get(name) ?? "gray" }))
    .filter((p) => compareMoney(p.value, "0") !== 0)
    .sort((a, b) => compareMoney(b.value, a.value));
  const total = items.reduce((a, p) => addMoney(a, p.value), "0");
  return (
    <div
      className="rounded-tremor-default border border-tremor-border bg-tremor-background p-2 text-xs shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background"
      data-testid="chart-tooltip"
    >
      <p className="mb-1 font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{label}</p>
      <table className="border-separate border-spacing-x-2">
        <tbody>
          {items.map((p) => (
            <tr key={p.name} data-testid="chart-tooltip-row">
              <td className="max-w-48 truncate">
                <span className={`mr-1.5 inline-block h-2 w-2 shrink-0 rounded-full bg-${p.color}-500`} />
                {p.name}
              </td>
              <td className="text-right tabular-nums" data-testid="chart-tooltip-cents">
                {formatMoney(p.value)}
              </td>
              <td className="text-right tabular-nums text-tremor-content" data-testid="chart-tooltip-exact">
                {formatMoneyExact(p.value)}
              </td>
            </tr>
          ))}
          <tr className="font-medium" data-testid="chart-tooltip-total">
            <td className="border-t border-tremor-border pt-1 dark:border-dark-tremor-border">Total</td>
            <td className="border-t border-tremor-border pt-1 text-right tabular-nums dark:border-dark-tremor-border">
              {formatMoney(total)}
            </td>
            <td
              className="border-t border-tremor-border pt-1 text-right tabular-nums text-tremor-content dark:border-dark-tremor-border"
              data-testid="chart-tooltip-total-exact"
            >
              {formatMoneyExact(total)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** The series, largest first, in their colours; wraps on narrow screens; a click drills down when allowed. */
function ChartLegend({
  categories,
  colorOf,
  onPick,
}: {
  categories: string[];
  colorOf: Map<string, string>;
  onPick?: (series: string) => void;
}) {
  if (categories.length < 2) return null;
  return (
    <ul
      className="mb-2 flex flex-wrap justify-end gap-x-4 gap-y-1 text-xs text-tremor-content"
      data-testid="chart-legend"
    >
      {categories.map((c) => {
        const dot = <span className={`inline-block h-2 w-2 shrink-0 rounded-full bg-${colorOf.get(c)}-500`} />;
        return (
          <li key={c} className="min-w-0" data-testid="chart-legend-item" data-color={colorOf.get(c)}>
            {onPick ? (
              <button type="button" className="flex items-center gap-1.5 hover:underline" onClick={() => onPick(c)}>
                {dot}
                <span className="break-all">{c}</span>
              </button>
            ) : (
              <span className="flex items-center gap-1.5">
                {dot}
                <span className="break-all">{c}</span>
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Stacked spend over time, one colour per group (the largest `top`, the rest as "Other"). Areas are drawn
 * as running totals, top of the stack first (stacked-rows.ts), so that every band's outline keeps its own
 * colour; their opaque fills are in app/globals.css (.spend-stack).
 */
export function SpendChart({
  data,
  kind = "area",
  top = 8,
  className = "h-72",
  onSelect,
}: {
  data: SpendResponse;
  kind?: ChartKind;
  top?: number;
  className?: string;
  /** Drill-down: called with the clicked series and bucket (a click on empty space clears, and is ignored). */
  onSelect?: (selection: ChartSelection) => void;
}) {
  const { rows, categories, drawOrder } = toStackedAreaRows(data, top, { cumulative: kind === "area" });
  const colorOf = new Map(categories.map((c, i) => [c, c === OTHER ? "gray" : PALETTE[i % PALETTE.length]!]));
  const plotted = kind === "area" ? drawOrder : categories;
  const common = {
    data: rows,
    index: INDEX,
    categories: plotted,
    colors: plotted.map((c) => colorOf.get(c)!),
    showLegend: false,
    intervalType: "equidistantPreserveStart" as const,
    valueFormatter: chartMoney,
    yAxisWidth: 64,
    className,
    noDataText: "No spend in this period",
    customTooltip: (props: CustomTooltipProps) => <SpendTooltip {...props} categories={categories} colorOf={colorOf} />,
    ...(onSelect
      ? {
          onValueChange: (v: Record<string, string | number> | null | undefined) => {
            if (!v) return;
            const series = typeof v.categoryClicked === "string" ? v.categoryClicked : null;
            const t = v.eventType === "category" ? null : v[BUCKET_START];
            onSelect({ series, bucketStart: typeof t === "string" ? t : null });
          },
        }
      : {}),
  };
  return (
    <div
      data-testid="spend-chart"
      data-kind={kind}
      className={`spend-stack min-w-0 ${onSelect ? "cursor-pointer" : ""}`}
    >
      <ChartLegend
        categories={categories}
        colorOf={colorOf}
        onPick={onSelect ? (series) => onSelect({ series, bucketStart: null }) : undefined}
      />
      {kind === "bar" ? (
        <BarChart {...common} stack />
      ) : (
        <AreaChart {...common} showGradient={false} curveType="linear" connectNulls />
      )}
    </div>
  );
}
