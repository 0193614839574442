"use client";

import { AreaChart, BarChart, type CustomTooltipProps } from "@tremor/react";
import { BUCKET_START, chartMoney, INDEX, OTHER, toChartRows } from "./chart-data";
import type { SpendResponse } from "./types";

export type ChartKind = "area" | "bar";

/** Distinct neighbours (Tremor's defaults are mostly blues); "Other" is always grey. */
const PALETTE = ["blue", "emerald", "amber", "violet", "rose", "cyan", "lime", "fuchsia", "orange", "teal"];

/** What a click on the chart picked: a series (legend entry or its area/bar), and the bucket of a dot or bar. */
export type ChartSelection = { series: string | null; bucketStart: string | null };

/** The tooltip: every series of the bucket, largest first, and their total; `colorOf` a series' Tremor colour. */
function SpendTooltip({ payload, active, label, colorOf }: CustomTooltipProps & { colorOf: Map<string, string> }) {
  if (!active || !payload?.length) return null;
  const items = payload
    .map((p) => {
      const name = String(p.name ?? p.dataKey);
      return { name, value: Number(p.value ?? 0), color: colorOf.get(name) ?? "gray" };
    })
    .filter((p) => p.value !== 0)
    .sort((a, b) => b.value - a.value);
  const total = items.reduce((a, p) => a + p.value, 0);
  return (
    <div className="rounded-tremor-default border border-tremor-border bg-tremor-background p-2 text-xs shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background">
      <p className="mb-1 font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{label}</p>
      <ul className="space-y-0.5">
        {items.map((p) => (
          <li key={p.name} className="flex items-center justify-between gap-4">
            <span className="flex min-w-0 items-center gap-1.5">
              <span className={`inline-block h-2 w-2 shrink-0 rounded-full bg-${p.color}-500`} />
              <span className="truncate">{p.name}</span>
            </span>
            <span className="tabular-nums">{chartMoney(p.value)}</span>
          </li>
        ))}
      </ul>
      <p
        className="mt-1 flex justify-between gap-4 border-t border-tremor-border pt-1 font-medium dark:border-dark-tremor-border"
        data-testid="chart-tooltip-total"
      >
        <span>Total</span>
        <span className="tabular-nums">{chartMoney(total)}</span>
      </p>
    </div>
  );
}

/** Stacked spend over time, one colour per group (the largest `top`, the rest as "Other"). */
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
  const { rows, categories } = toChartRows(data, top);
  const colors = categories.map((c, i) => (c === OTHER ? "gray" : PALETTE[i % PALETTE.length]!));
  const colorOf = new Map(categories.map((c, i) => [c, colors[i]!]));
  const common = {
    data: rows,
    index: INDEX,
    categories,
    colors,
    showLegend: categories.length > 1,
    // The legend wraps onto more lines on narrow screens (every entry stays visible and clickable).
    enableLegendSlider: false,
    intervalType: "equidistantPreserveStart" as const,
    valueFormatter: chartMoney,
    yAxisWidth: 64,
    className,
    noDataText: "No spend in this period",
    customTooltip: (props: CustomTooltipProps) => <SpendTooltip {...props} colorOf={colorOf} />,
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
    <div data-testid="spend-chart" data-kind={kind} className={`min-w-0 ${onSelect ? "cursor-pointer" : ""}`}>
      {kind === "bar" ? (
        <BarChart {...common} stack />
      ) : (
        <AreaChart {...common} stack showGradient={false} curveType="linear" connectNulls />
      )}
    </div>
  );
}
