"use client";

import { useState } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { DIMENSION_LABELS, PAGE_DIMENSIONS, type PageDimension } from "./dimensions";
import { DimensionTotals } from "./dimension-totals";
import { PRESETS } from "./explore-state";
import { SelectField } from "./select-field";
import { SpendChart } from "./spend-chart";
import { SpendPanel } from "./spend-panel";
import { describeDays, lastDays } from "./time-range";
import { TopSpendList } from "./top-spend-list";
import { useSpend } from "./use-spend";

type Props = { orgSlug: string; dimension: PageDimension; value: string };
type Preset = keyof typeof PRESETS;

/** One team, feature, model or customer: its trend, totals and spend by the other dimensions. */
export function DimensionView({ orgSlug, dimension, value }: Props) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [now] = useState(() => new Date());
  const range = (Object.keys(PRESETS) as Preset[]).find((k) => k === search.get("range")) ?? "30d";
  const { from, to } = lastDays(PRESETS[range], now);
  const base = { from: from.toISOString(), to: to.toISOString(), filters: { [dimension]: value } };
  // Stacked by model, so that a switch to a costlier model shows (a model's page: by team).
  const stackBy = dimension === "model" ? "team" : "model";
  const trend = useSpend(orgSlug, { ...base, granularity: "day", groupBy: [stackBy] });
  // The totals of the period of the same length just before, for "vs previous period".
  const span = to.getTime() - from.getTime();
  const previous = useSpend(orgSlug, {
    from: new Date(from.getTime() - span).toISOString(),
    to: from.toISOString(),
    granularity: "month",
    filters: { [dimension]: value },
  });
  const byFeature = useSpend(orgSlug, { ...base, granularity: "day", groupBy: ["feature"] }, dimension === "team");
  // Whether this value has any usage at all (over more than a year): else the page says so, not "$0.00".
  const ever = useSpend(orgSlug, {
    from: new Date(to.getTime() - 400 * 86_400_000).toISOString(), // the longest span the spend API answers
    to: to.toISOString(),
    granularity: "month",
    filters: { [dimension]: value },
  });
  const others = PAGE_DIMENSIONS.filter((d) => d !== dimension);
  const label = DIMENSION_LABELS[dimension].toLowerCase();
  const explore = `/${orgSlug}/explore?${new URLSearchParams({ range, [dimension]: value, groupBy: others[0]! })}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SelectField
          id="dimension-range"
          label="Date range"
          value={range}
          className="w-44"
          onValue={(v) => router.push(`${pathname}?range=${v}`, { scroll: false })}
        >
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
          <option value="90d">Last 90 days</option>
        </SelectField>
        <Link href={explore} className="pb-2 text-sm text-tremor-brand underline">
          Open in Explore
        </Link>
      </div>
      {ever.data?.total.events === 0 ? (
        <EmptyState title={`No usage recorded for this ${label}`}>
          Burnrate has no events with {label} “{value}” in the last 400 days. Check the spelling, or{" "}
          <Link className="text-tremor-brand underline" href={`/${orgSlug}/explore?groupBy=${dimension}`}>
            list every {label} in Explore
          </Link>
          .
        </EmptyState>
      ) : (
        <>
          {trend.isLoading || trend.error ? (
            <QueryState
              isLoading={trend.isLoading}
              error={trend.error}
              label={`${label} totals`}
              onRetry={() => void trend.refetch()}
              skeletonClassName="h-28"
            />
          ) : null}
          {trend.data ? <DimensionTotals total={trend.data.total} previous={previous.data?.total} /> : null}
          {previous.error ? (
            <QueryState
              isLoading={false}
              error={previous.error}
              label="the previous period"
              onRetry={() => void previous.refetch()}
            />
          ) : null}
          <SpendPanel
            title={`Daily spend by ${DIMENSION_LABELS[stackBy].toLowerCase()}`}
            subtitle={`${describeDays(from, to)} (UTC)`}
            query={trend}
            label="spend trend"
            testId="dimension-chart"
            skeletonClassName="h-72"
            emptyTitle={`No spend for this ${label} in this period`}
          >
            {(d) => <SpendChart data={d} />}
          </SpendPanel>
          {dimension === "team" ? (
            <SpendPanel
              title="Daily spend by feature"
              subtitle={`${describeDays(from, to)} (UTC)`}
              query={byFeature}
              label="spend by feature"
              testId="dimension-feature-chart"
              skeletonClassName="h-72"
              emptyTitle="No spend for this team in this period"
            >
              {(d) => <SpendChart data={d} />}
            </SpendPanel>
          ) : null}
        </>
      )}
      <div className={`grid gap-6 lg:grid-cols-3 ${ever.data?.total.events === 0 ? "hidden" : ""}`}>
        {others.map((d) => (
          <Breakdown key={d} orgSlug={orgSlug} by={d} base={base} />
        ))}
      </div>
    </div>
  );
}

function Breakdown({
  orgSlug,
  by,
  base,
}: {
  orgSlug: string;
  by: PageDimension;
  base: { from: string; to: string; filters: Record<string, string> };
}) {
  const q = useSpend(orgSlug, { ...base, granularity: "month", groupBy: [by] });
  // The previous period of the same length, just before.
  const span = Date.parse(base.to) - Date.parse(base.from);
  const prev = { from: new Date(Date.parse(base.from) - span).toISOString(), to: base.from };
  const p = useSpend(orgSlug, { ...base, ...prev, granularity: "month", groupBy: [by] });
  return (
    <SpendPanel
      title={`By ${DIMENSION_LABELS[by].toLowerCase()}`}
      query={q}
      label={`spend by ${by}`}
      testId={`breakdown-${by}`}
    >
      {(d) => <TopSpendList orgSlug={orgSlug} dimension={by} data={d} previous={p.data} limit={8} />}
    </SpendPanel>
  );
}
