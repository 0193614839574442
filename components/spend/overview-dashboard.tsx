"use client";

import { BudgetsAtRisk } from "@/components/budgets/budgets-at-risk";
import { CappedScopesPanel } from "@/components/budgets/capped-scopes-panel";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { apiFetch } from "@/lib/client/api-fetch";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { OpenAnomaliesCard } from "@/components/anomalies/open-anomalies-card";
import { OTHER } from "./chart-data";
import { exploreHref } from "./dimensions";
import { isWindowChoice, overviewWindow, WINDOWS, type WindowChoice } from "./overview-window";
import { PeriodCards } from "./period-cards";
import { SelectField } from "./select-field";
import { SpendChart, type ChartSelection } from "./spend-chart";
import { SpendPanel } from "./spend-panel";
import { addDays, describeDays, isoDate } from "./time-range";
import { TopSpendList } from "./top-spend-list";
import type { Dimension } from "./types";
import { UnitEconomics } from "./unit-economics";
import { useSpend } from "./use-spend";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";

const iso = (d: Date) => d.toISOString();
const TOP: { dimension: Dimension; title: string; testId: string }[] = [
  { dimension: "team", title: "Top teams", testId: "top-teams" },
  { dimension: "customer", title: "Top customers", testId: "top-customers" },
  { dimension: "feature", title: "Top features", testId: "top-features" },
  { dimension: "model", title: "Top models", testId: "top-models" },
];

/**
 * The Overview: one time window for every panel (month to date by default, kept in the URL so that Back
 * returns to the previous one), each figure compared with the previous period of the same length.
 */
export function OverviewDashboard({
  orgSlug,
  canManageBudgets = false,
  canManageApiKeys = false,
}: {
  orgSlug: string;
  canManageBudgets?: boolean;
  /** Whether the member may open the API keys page (else the empty state names it without a link). */
  canManageApiKeys?: boolean;
}) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [now] = useState(() => new Date());
  const raw = search.get("window");
  const choice: WindowChoice = isWindowChoice(raw) ? raw : "mtd";
  const w = useMemo(() => overviewWindow(choice, now), [choice, now]);
  const cur = { from: iso(w.from), to: iso(w.to) };
  const prev = { from: iso(w.prevFrom), to: iso(w.prevTo) };
  // Explore's range of the window: inclusive UTC days.
  const days = { from: isoDate(w.from), to: isoDate(new Date(w.to.getTime() - 1)) };

  const total = useSpend(orgSlug, { ...cur, granularity: "day" });
  const previous = useSpend(orgSlug, { ...prev, granularity: "month" });
  const byTeam = useSpend(orgSlug, { ...cur, granularity: "day", groupBy: ["team"] });
  // Whether the organisation has any usage at all (else the getting-started state), over the longest span
  // the spend API answers (400 days).
  const any = useSpend(orgSlug, { from: iso(addDays(now, -399)), to: iso(addDays(now, 1)), granularity: "month" });
  const endUsers = useQuery({
    queryKey: ["active-end-users", orgSlug, cur.from, cur.to],
    queryFn: () =>
      apiFetch<ApiResponse<"spend.activeEndUsers">>(
        apiUrl("/api/orgs/{org}/active-end-users", { params: { org: orgSlug }, query: cur }),
      ),
  });

  function drill({ series, bucketStart }: ChartSelection) {
    const filters = series && series !== OTHER ? { team: series } : {};
    const day = bucketStart ? isoDate(new Date(bucketStart)) : null;
    router.push(
      exploreHref(orgSlug, {
        filters,
        ...(day ? { from: day, to: day } : days),
        groupBy: series && series !== OTHER ? "feature" : "team",
      }),
    );
  }

  if (any.data?.total.events === 0) {
    return (
      <EmptyState title="No usage yet">
        {canManageApiKeys ? (
          <>
            Create an{" "}
            <Link className="text-tremor-brand underline" href={`/${orgSlug}/settings/api-keys`}>
              API key
            </Link>{" "}
            and post usage events to{" "}
          </>
        ) : (
          "Once an engineer or admin has created an API key and your services post usage events to "
        )}
        <code className="rounded bg-tremor-background-subtle px-1">POST /api/v1/events</code>
        {canManageApiKeys ? "; spend appears here within seconds." : ", spend appears here within seconds."}
      </EmptyState>
    );
  }
  const period = `${describeDays(w.from, w.to)} (UTC)`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SelectField
          id="overview-window"
          label="Period"
          value={choice}
          className="w-48"
          onValue={(v) => router.push(`${pathname}?window=${v}`, { scroll: false })}
        >
          {Object.entries(WINDOWS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <p className="pb-2 text-xs text-tremor-content">
          Compared with {describeDays(w.prevFrom, w.prevTo)} (the previous period of the same length).
        </p>
      </div>
      <PeriodCards current={total} previous={previous} window={w} />
      <div className="grid gap-6 lg:grid-cols-3">
        <SpendPanel
          className="lg:col-span-2"
          title="Daily spend by team"
          subtitle={`${period} · click a team or a day to explore it`}
          query={byTeam}
          label="spend by team"
          testId="team-chart"
          skeletonClassName="h-72"
        >
          {(d) => <SpendChart data={d} onSelect={drill} />}
        </SpendPanel>
        <SpendPanel
          title="Unit economics"
          subtitle={period}
          query={total}
          label="unit economics"
          isEmpty={(d) => d.total.events === 0}
          skeletonClassName="h-72"
        >
          {(d) => (
            <UnitEconomics
              total={d.total}
              previous={previous.data?.total}
              activeEndUsers={endUsers.data?.activeEndUsers}
            />
          )}
        </SpendPanel>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        {TOP.map((t) => (
          <TopPanel key={t.dimension} orgSlug={orgSlug} {...t} cur={cur} prev={prev} days={days} period={period} />
        ))}
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <OpenAnomaliesCard orgSlug={orgSlug} />
        <BudgetsAtRisk orgSlug={orgSlug} />
      </div>
      <CappedScopesPanel orgSlug={orgSlug} canManage={canManageBudgets} />
    </div>
  );
}

/** One dimension's largest groups of the window, each with its change against the previous period. */
function TopPanel({
  orgSlug,
  dimension,
  title,
  testId,
  cur,
  prev,
  days,
  period,
}: {
  orgSlug: string;
  dimension: Dimension;
  title: string;
  testId: string;
  cur: { from: string; to: string };
  prev: { from: string; to: string };
  days: { from: string; to: string };
  period: string;
}) {
  const q = useSpend(orgSlug, { ...cur, granularity: "month", groupBy: [dimension] });
  const p = useSpend(orgSlug, { ...prev, granularity: "month", groupBy: [dimension] });
  return (
    <SpendPanel
      title={title}
      subtitle={
        <>
          {period} ·{" "}
          <Link
            className="text-tremor-brand underline"
            href={exploreHref(orgSlug, { filters: {}, ...days, groupBy: dimension })}
          >
            explore
          </Link>
        </>
      }
      query={q}
      label={title.toLowerCase()}
      testId={testId}
      skeletonClassName="h-56"
      isEmpty={(d) =>
        d.series.length === 0 || (d.series.length === 1 && !d.series[0]!.key[dimension] && dimension === "customer")
      }
      emptyTitle={dimension === "customer" ? "No spend attributed to customers in this period" : undefined}
    >
      {(d) => <TopSpendList orgSlug={orgSlug} dimension={dimension} data={d} previous={p.data} range={days} />}
    </SpendPanel>
  );
}
