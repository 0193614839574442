"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { BadgeDelta } from "@tremor/react";
import { formatMoney, percentChange, scaleMoney } from "@/lib/money/format";
import { QueryState } from "@/components/ui/query-state";
import { StatCard } from "./stat-card";
import { describeDays } from "./time-range";
import type { SpendResponse } from "./types";

const DAY = 86_400_000;

type Props = {
  mtd: UseQueryResult<SpendResponse>;
  previous: UseQueryResult<SpendResponse>;
  /** This month: [monthStart, now); last month's same days: [prevStart, prevEnd). */
  monthStart: Date;
  monthEnd: Date;
  now: Date;
  prevStart: Date;
  prevEnd: Date;
};

/** Month to date, the month-end forecast and the change against the same days of last month. */
export function MonthCards({ mtd, previous, monthStart, monthEnd, now, prevStart, prevEnd }: Props) {
  const monthMs = monthEnd.getTime() - monthStart.getTime();
  // Linear on the daily average so far; the first day counts as a whole day.
  const elapsedMs = Math.max(now.getTime() - monthStart.getTime(), DAY);
  const days = Math.round(monthMs / DAY);
  const cost = mtd.data?.total.cost;
  const prevCost = previous.data?.total.cost;
  const change = cost !== undefined && prevCost !== undefined ? percentChange(cost, prevCost) : undefined;

  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <StatCard title="Spend this month" testId="mtd-spend" value={cost !== undefined ? formatMoney(cost) : "…"}>
        {mtd.data ? (
          `${describeDays(monthStart, now)} (UTC) · ${mtd.data.total.events.toLocaleString("en-US")} events`
        ) : (
          <QueryState isLoading={mtd.isLoading} error={mtd.error} label="month to date" />
        )}
      </StatCard>
      <StatCard
        title="Month-end forecast"
        testId="forecast-spend"
        value={cost !== undefined ? formatMoney(scaleMoney(cost, monthMs, elapsedMs)) : "…"}
      >
        Forecast: the daily average so far × {days} days. Not a budget.
      </StatCard>
      <StatCard
        title="Change vs same days last month"
        testId="mtd-change"
        value={change === undefined ? "…" : change === null ? "—" : `${change.startsWith("-") ? "" : "+"}${change}%`}
      >
        {previous.error ? <QueryState isLoading={false} error={previous.error} label="last month" /> : null}
        {prevCost !== undefined ? (
          <span className="flex flex-wrap items-center gap-2">
            {change ? (
              <BadgeDelta
                deltaType={change.startsWith("-") ? "decrease" : change === "0.0" ? "unchanged" : "increase"}
                isIncreasePositive={false}
                size="xs"
              >
                {change}%
              </BadgeDelta>
            ) : null}
            <span>
              {change === null ? "No spend in " : `${formatMoney(prevCost)} in `}
              {describeDays(prevStart, prevEnd)}
            </span>
          </span>
        ) : null}
      </StatCard>
    </div>
  );
}
