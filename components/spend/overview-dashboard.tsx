"use client";

import { BudgetsAtRisk } from "@/components/budgets/budgets-at-risk";
import { CappedScopesPanel } from "@/components/budgets/capped-scopes-panel";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { OpenAnomaliesCard } from "@/components/anomalies/open-anomalies-card";
import { MonthCards } from "./month-cards";
import { SpendChart } from "./spend-chart";
import { SpendPanel } from "./spend-panel";
import { addMonthsUTC, lastDays, startOfMonthUTC } from "./time-range";
import { TopSpendList } from "./top-spend-list";
import { UnitEconomics } from "./unit-economics";
import { useSpend } from "./use-spend";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";

/** The periods the overview compares, fixed when the page opens (UTC). */
function periods(now: Date) {
  const monthStart = startOfMonthUTC(now);
  const monthEnd = addMonthsUTC(monthStart, 1);
  const prevStart = addMonthsUTC(monthStart, -1);
  const prevEnd = new Date(
    Math.min(prevStart.getTime() + (now.getTime() - monthStart.getTime()), monthStart.getTime()),
  );
  return { now, monthStart, monthEnd, prevStart, prevEnd, last30: lastDays(30, now) };
}

export function OverviewDashboard({
  orgSlug,
  canManageBudgets = false,
}: {
  orgSlug: string;
  canManageBudgets?: boolean;
}) {
  const [p] = useState(() => periods(new Date()));
  const iso = (d: Date) => d.toISOString();
  const recent = { from: iso(p.last30.from), to: iso(p.last30.to) };
  const mtd = useSpend(orgSlug, { from: iso(p.monthStart), to: iso(p.now), granularity: "day" });
  const previous = useSpend(orgSlug, { from: iso(p.prevStart), to: iso(p.prevEnd), granularity: "month" });
  const byTeam = useSpend(orgSlug, { ...recent, granularity: "day", groupBy: ["team"] });
  const byFeature = useSpend(orgSlug, { ...recent, granularity: "month", groupBy: ["feature"] });
  const byModel = useSpend(orgSlug, { ...recent, granularity: "month", groupBy: ["model"] });
  const endUsers = useQuery({
    queryKey: ["active-end-users", orgSlug, recent.from],
    queryFn: () =>
      apiFetch<ApiResponse<"spend.activeEndUsers">>(
        apiUrl("/api/orgs/{org}/active-end-users", {
          params: { org: orgSlug },
          query: { from: recent.from, to: recent.to },
        }),
      ),
  });

  if (mtd.isLoading || byTeam.isLoading || mtd.error || byTeam.error) {
    return <QueryState isLoading={mtd.isLoading || byTeam.isLoading} error={mtd.error ?? byTeam.error} label="spend" />;
  }
  if (mtd.data?.total.events === 0 && byTeam.data?.total.events === 0) {
    return (
      <EmptyState title="No usage yet">
        Create an{" "}
        <Link className="text-tremor-brand underline" href={`/${orgSlug}/settings/api-keys`}>
          API key
        </Link>{" "}
        and post usage events to <code className="rounded bg-tremor-background-subtle px-1">POST /api/v1/events</code>
        {";"}
        spend appears here within seconds.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-6">
      <MonthCards mtd={mtd} previous={previous} {...p} />
      <div className="grid gap-6 lg:grid-cols-3">
        <SpendPanel
          className="lg:col-span-2"
          title="Daily spend by team"
          subtitle="Last 30 days, UTC days"
          query={byTeam}
          label="spend by team"
          testId="team-chart"
        >
          {(d) => <SpendChart data={d} />}
        </SpendPanel>
        <SpendPanel
          title="Unit economics"
          subtitle="Last 30 days"
          query={byTeam}
          label="unit economics"
          isEmpty={(d) => d.total.events === 0}
        >
          {(d) => <UnitEconomics total={d.total} activeEndUsers={endUsers.data?.activeEndUsers} />}
        </SpendPanel>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <SpendPanel
          title="Top features"
          subtitle="Last 30 days"
          query={byFeature}
          label="top features"
          testId="top-features"
        >
          {(d) => <TopSpendList orgSlug={orgSlug} dimension="feature" data={d} />}
        </SpendPanel>
        <SpendPanel title="Top models" subtitle="Last 30 days" query={byModel} label="top models" testId="top-models">
          {(d) => <TopSpendList orgSlug={orgSlug} dimension="model" data={d} />}
        </SpendPanel>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <OpenAnomaliesCard orgSlug={orgSlug} />
        <BudgetsAtRisk orgSlug={orgSlug} />
      </div>
      <CappedScopesPanel orgSlug={orgSlug} canManage={canManageBudgets} />
    </div>
  );
}
