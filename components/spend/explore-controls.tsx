"use client";

import { DIMENSIONS, DIMENSION_LABELS, isDimension } from "./dimensions";
import { dayCount, MAX_HOURLY_DAYS, type ExploreState, type RangeChoice } from "./explore-state";
import { SelectField } from "./select-field";
import type { ChartKind } from "./spend-chart";
import type { Granularity } from "./types";

type Props = { state: ExploreState; update: (patch: Partial<ExploreState>) => void };

const dateInput =
  "mt-1 block w-full rounded-tremor-default border-tremor-border py-1.5 text-sm shadow-tremor-input focus:border-tremor-brand focus:ring-tremor-brand";

/** Date range (presets or custom days), granularity, grouping and chart type. */
export function ExploreControls({ state, update }: Props) {
  const [first, second] = state.groupBy;
  const setGroup = (a: string, b: string | undefined) =>
    update({ groupBy: [a, b].filter(isDimension).filter((d, i, all) => all.indexOf(d) === i) });
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <SelectField
        id="explore-range"
        label="Date range"
        value={state.range}
        onValue={(v) => update({ range: v as RangeChoice })}
      >
        <option value="7d">Last 7 days</option>
        <option value="30d">Last 30 days</option>
        <option value="90d">Last 90 days</option>
        <option value="custom">Custom…</option>
      </SelectField>
      {state.range === "custom" ? (
        <>
          <div className="min-w-0">
            <label htmlFor="explore-from" className="block text-xs font-medium text-tremor-content">
              From (UTC)
            </label>
            <input
              id="explore-from"
              type="date"
              className={dateInput}
              value={state.from}
              max={state.to}
              onChange={(e) => e.target.value && update({ from: e.target.value })}
            />
          </div>
          <div className="min-w-0">
            <label htmlFor="explore-to" className="block text-xs font-medium text-tremor-content">
              To (UTC, inclusive)
            </label>
            <input
              id="explore-to"
              type="date"
              className={dateInput}
              value={state.to}
              min={state.from}
              onChange={(e) => e.target.value && update({ to: e.target.value })}
            />
          </div>
        </>
      ) : null}
      <SelectField
        id="explore-granularity"
        label="Granularity"
        value={state.granularity}
        onValue={(v) => update({ granularity: v as Granularity })}
      >
        <option value="hour" disabled={dayCount(state) > MAX_HOURLY_DAYS}>
          Hour{dayCount(state) > MAX_HOURLY_DAYS ? ` (≤ ${MAX_HOURLY_DAYS} days)` : ""}
        </option>
        <option value="day">Day</option>
        <option value="week">Week</option>
        <option value="month">Month</option>
      </SelectField>
      <SelectField
        id="explore-group"
        label="Group by"
        value={first ?? ""}
        onValue={(v) => setGroup(v, v ? second : undefined)}
      >
        <option value="">Nothing (total)</option>
        {DIMENSIONS.map((d) => (
          <option key={d} value={d}>
            {DIMENSION_LABELS[d]}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="explore-then"
        label="Then by"
        value={second ?? ""}
        disabled={!first}
        onValue={(v) => setGroup(first ?? "", v)}
      >
        <option value="">Nothing</option>
        {DIMENSIONS.filter((d) => d !== first).map((d) => (
          <option key={d} value={d}>
            {DIMENSION_LABELS[d]}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="explore-chart"
        label="Chart"
        value={state.chart}
        onValue={(v) => update({ chart: v as ChartKind })}
      >
        <option value="area">Stacked area</option>
        <option value="bar">Stacked bars</option>
      </SelectField>
    </div>
  );
}
