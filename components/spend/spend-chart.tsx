"use client";

import { AreaChart, BarChart } from "@tremor/react";
import { chartMoney, INDEX, OTHER, toChartRows } from "./chart-data";
import type { SpendResponse } from "./types";

export type ChartKind = "area" | "bar";

/** Distinct neighbours (Tremor's defaults are mostly blues); "Other" is always grey. */
const PALETTE = ["blue", "emerald", "amber", "violet", "rose", "cyan", "lime", "fuchsia", "orange", "teal"];

/** Stacked spend over time, one colour per group (the largest `top`, the rest as "Other"). */
export function SpendChart({
  data,
  kind = "area",
  top = 8,
  className = "h-72",
}: {
  data: SpendResponse;
  kind?: ChartKind;
  top?: number;
  className?: string;
}) {
  const { rows, categories } = toChartRows(data, top);
  const common = {
    data: rows,
    index: INDEX,
    categories,
    colors: categories.map((c, i) => (c === OTHER ? "gray" : PALETTE[i % PALETTE.length]!)),
    showLegend: categories.length > 1,
    // One scrollable legend line, so that many groups do not squeeze the plot on narrow screens.
    enableLegendSlider: true,
    intervalType: "preserveStartEnd" as const,
    valueFormatter: chartMoney,
    yAxisWidth: 64,
    className,
    noDataText: "No spend in this period",
  };
  return (
    <div data-testid="spend-chart" data-kind={kind} className="min-w-0">
      {kind === "bar" ? (
        <BarChart {...common} stack />
      ) : (
        <AreaChart {...common} stack showGradient={false} curveType="linear" connectNulls />
      )}
    </div>
  );
}
