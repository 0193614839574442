"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { BadgeDelta } from "@tremor/react";
import { compareMoney, formatMoney, scaleMoney } from "@/lib/money/format";
import { QueryState } from "@/components/ui/query-state";
import { changeOf, describeChange } from "./compare";
import { WINDOWS, type OverviewWindow } from "./overview-window";
import { StatCard } from "./stat-card";
import { addMonthsUTC, describeDays } from "./time-range";
import type { SpendResponse } from "./types";

const DAY = 86_400_000;

type Props = {
  current: UseQueryResult<SpendResponse>;
  previous: UseQueryResult<SpendResponse>;
  window: OverviewWindow;
};

/**
 * The window's spend, its month-end forecast (month to date) or daily average, and the change against the
 * previous period of the same length, absolute and in percent.
 */
export function PeriodCards({ current, previous, window: w }: Props) {
  const cost = current.data?.total.cost;
  const prevCost = previous.data?.total.cost;
  const change = cost !== undefined && prevCost !== undefined ? changeOf(cost, prevCost) : undefined;
  const elapsedMs = Math.max(w.to.getTime() - w.from.getTime(), DAY); // the first day counts as a whole day
  const monthMs = addMonthsUTC(w.from, 1).getTime() - w.from.getTime();
  const sign = change ? compareMoney(change.delta, "0") : 0;

  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <StatCard
        title={`Spend, ${WINDOWS[w.choice].toLowerCase()}`}
        testId="mtd-spend"
        value={cost !== undefined ? formatMoney(cost) : "…"}
        exact={cost}
      >
        {current.data ? (
          `${describeDays(w.from, w.to)} (UTC) · ${current.data.total.events.toLocaleString("en-US")} events`
        ) : (
          <QueryState
            isLoading={current.isLoading}
            error={current.error}
            label="spend"
            onRetry={() => void current.refetch()}
          />
        )}
      </StatCard>
      {w.choice === "mtd" ? (
        <StatCard
          title="Month-end forecast"
          testId="forecast-spend"
          value={cost !== undefined ? formatMoney(scaleMoney(cost, monthMs, elapsedMs)) : "…"}
        >
          Forecast: the daily average so far × {Math.round(monthMs / DAY)} days. Not a budget.
        </StatCard>
      ) : (
        <StatCard
          title="Daily average"
          testId="daily-average"
          value={cost !== undefined ? formatMoney(scaleMoney(cost, DAY, elapsedMs)) : "…"}
        >
          Spend of the window ÷ its {Math.round(elapsedMs / DAY)} days.
        </StatCard>
      )}
      <StatCard
        title="vs previous period"
        testId="mtd-change"
        value={change === undefined ? "…" : change.percent === null ? "—" : `${sign < 0 ? "" : "+"}${change.percent}%`}
      >
        {previous.error ? (
          <QueryState
            isLoading={false}
            error={previous.error}
            label="the previous period"
            onRetry={() => void previous.refetch()}
          />
        ) : null}
        {change ? (
          <span className="flex flex-wrap items-center gap-2">
            {change.percent !== null ? (
              <BadgeDelta
                deltaType={sign < 0 ? "decrease" : sign === 0 ? "unchanged" : "increase"}
                isIncreasePositive={false}
                size="xs"
              >
                {describeChange(change)}
              </BadgeDelta>
            ) : null}
            <span data-testid="previous-spend">
              {compareMoney(change.previous, "0") === 0 ? "No spend in " : `${formatMoney(change.previous)} in `}
              {describeDays(w.prevFrom, w.prevTo)}
            </span>
          </span>
        ) : null}
      </StatCard>
      {change ? (
        <span className="sr-only" data-testid="mtd-change-exact">
          {change.delta}
        </span>
      ) : null}
    </div>
  );
}
