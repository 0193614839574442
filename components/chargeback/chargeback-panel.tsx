"use client";

import { Callout, Card, Text } from "@tremor/react";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { money } from "@/components/budgets/budget-format";
import { apiUrl } from "@/lib/client/api-url";
import { RulesEditor } from "./rules-editor";
import { StatementsTable } from "./statements-table";
import { StripePanel } from "./stripe-panel";
import { monthRange, shift, usePeriod } from "./use-chargeback";

/** The chargeback page: a month's parties, exports, and (for finance) the rules editor and Stripe. */
export function ChargebackPanel({
  orgSlug,
  stripeWebhookUrl,
  initialPeriod,
  canManage,
}: {
  orgSlug: string;
  /** The Stripe webhook endpoint of this organisation, from the app's base URL (never the browser's origin). */
  stripeWebhookUrl: string;
  initialPeriod: string;
  canManage: boolean;
}) {
  const [period, setPeriod] = useState(initialPeriod);
  const q = usePeriod(orgSlug, period);
  const v = q.data;
  const range = monthRange(period);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="rounded border border-tremor-border px-2 py-1 text-sm"
          onClick={() => setPeriod(shift(period, -1))}
          aria-label="Previous month"
        >
          ←
        </button>
        <label className="text-sm">
          <span className="sr-only">Period</span>
          <input
            type="month"
            value={period}
            onChange={(e) => e.target.value && setPeriod(e.target.value)}
            className="rounded border border-tremor-border px-2 py-1 text-sm"
            data-testid="period-input"
          />
        </label>
        <button
          type="button"
          className="rounded border border-tremor-border px-2 py-1 text-sm"
          onClick={() => setPeriod(shift(period, 1))}
          aria-label="Next month"
        >
          →
        </button>
        {v ? (
          <p className="text-sm text-tremor-content" data-testid="period-status">
            {v.status === "closed"
              ? "Closed: statements are frozen"
              : `Open: a live preview, closes ${new Date(v.closesAt).toLocaleString()}`}
          </p>
        ) : null}
        <a
          className="ml-auto rounded-tremor-default bg-tremor-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-tremor-brand-emphasis"
          href={apiUrl("/api/orgs/{org}/exports/focus", { params: { org: orgSlug }, query: range })}
          data-testid="focus-export"
        >
          Export FOCUS CSV
        </a>
      </div>
      <QueryState isLoading={q.isLoading} error={q.error} label="chargeback" onRetry={() => void q.refetch()} />
      {v && v.statements.length === 0 ? (
        <EmptyState title="No statements for this month">
          No usage attributed to a {v.partyDimension} in {period}.
        </EmptyState>
      ) : null}
      {v && v.statements.length > 0 ? <StatementsTable orgSlug={orgSlug} view={v} canManage={canManage} /> : null}
      {v?.shared && v.shared.unallocated !== "0" ? (
        <Callout color="amber" title="Shared cost not allocated">
          {money(v.shared.unallocated)} of shared cost has no party to take it.
        </Callout>
      ) : null}
      {v?.shared ? (
        <Card>
          <Text>
            Shared this month: {money(v.shared.usage)} of unattributed usage and {money(v.shared.fixed)} of fixed costs.
          </Text>
        </Card>
      ) : null}
      {canManage ? <RulesEditor orgSlug={orgSlug} period={period} /> : null}
      {canManage ? <StripePanel orgSlug={orgSlug} webhookUrl={stripeWebhookUrl} period={period} /> : null}
    </div>
  );
}
