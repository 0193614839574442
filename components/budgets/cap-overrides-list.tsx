"use client";

import { Card, Title } from "@tremor/react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@tremor/react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { formatDateTime } from "@/components/ui/format-date";
import { QueryState } from "@/components/ui/query-state";
import { formatPeriod, money } from "./budget-format";
import { CapOverrideForm } from "./cap-override-form";

/** A hard-capped budget's overrides ("allow another $X until the period ends"), newest first; who, why, when. */
export function CapOverridesList({
  orgSlug,
  budgetId,
  canManage,
  plainScope,
}: {
  orgSlug: string;
  budgetId: string;
  canManage: boolean;
  /** A scope without "*": the override applies to the whole scope, so it can be made here. */
  plainScope: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const q = useQuery({
    queryKey: ["cap-overrides", orgSlug, budgetId],
    queryFn: () =>
      apiFetch<ApiResponse<"orgBudgets.overrides">>(
        apiUrl("/api/orgs/{org}/budgets/{budgetId}/overrides", { params: { org: orgSlug, budgetId } }),
      ),
  });
  const items = q.data?.overrides ?? [];
  return (
    <Card data-testid="cap-overrides" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Title>Cap overrides</Title>
        {canManage && plainScope && !adding ? (
          <Button size="xs" variant="secondary" onClick={() => setAdding(true)}>
            Override the cap
          </Button>
        ) : null}
      </div>
      {adding ? (
        <CapOverrideForm orgSlug={orgSlug} budgetId={budgetId} scopeValue={null} onDone={() => setAdding(false)} />
      ) : null}
      <QueryState isLoading={q.isLoading} error={q.error} label="overrides" onRetry={() => void q.refetch()} />
      {q.data && items.length === 0 ? (
        <p className="text-tremor-default text-tremor-content">
          No override: the cap is the budget&apos;s amount.
          {!plainScope ? " Override a capped value from the table above." : ""}
        </p>
      ) : null}
      <ul className="space-y-2 text-sm">
        {items.map((o) => (
          <li key={o.id} className="flex flex-wrap justify-between gap-x-3 border-b border-tremor-border pb-2">
            <span>
              +{money(o.amount)}
              {o.scopeValue ? ` for ${o.scopeValue}` : ""} in {formatPeriod({ start: o.periodStart, end: o.periodEnd })}
              {o.reason ? ` — ${o.reason}` : ""}
            </span>
            <span className="text-tremor-content">
              {o.createdBy ?? "someone"} · {formatDateTime(o.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
