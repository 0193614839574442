"use client";

import { Card, Text, Title } from "@tremor/react";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { formatDateTime } from "@/components/ui/format-date";
import { formatPeriod, money, thresholdLabel } from "./budget-format";

type Preview = ApiResponse<"orgBudgets.preview">;

/** Live: current spend in the scope being written, and the alerts it would have sent last period. */
export function BudgetPreview({ orgSlug, body }: { orgSlug: string; body: Record<string, unknown> }) {
  const deferred = useDeferredValue(JSON.stringify({ ...body, name: undefined }));
  const q = useQuery({
    queryKey: ["budget-preview", orgSlug, deferred],
    queryFn: () =>
      apiFetch<Preview>(apiUrl("/api/orgs/{org}/budgets/preview", { params: { org: orgSlug } }), {
        method: "POST",
        json: JSON.parse(deferred),
      }),
    retry: false,
    placeholderData: (prev) => prev,
  });
  const p = q.data;
  return (
    <Card className="space-y-3" data-testid="budget-preview">
      <Title>Preview</Title>
      {q.error && !p ? <Text>Complete the amount and scope to see a preview ({q.error.message}).</Text> : null}
      {q.isLoading ? <div className="h-16 animate-pulse rounded bg-tremor-background-subtle" /> : null}
      {p ? (
        <>
          <div>
            <Text>This period ({formatPeriod(p.period)})</Text>
            <p className="text-2xl font-semibold tabular-nums text-tremor-content-strong" data-testid="preview-spent">
              {money(p.spent)}
            </p>
          </div>
          {p.topValues?.length ? (
            <ul className="space-y-1 text-sm">
              {p.topValues.map((v) => (
                <li key={v.value} className="flex justify-between gap-2">
                  <span className="truncate">{v.value}</span>
                  <span className="tabular-nums">{money(v.spent)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <div>
            <Text>
              Last period ({formatPeriod(p.lastPeriod.period)}) it would have sent {p.lastPeriod.alertCount} alert
              {p.lastPeriod.alertCount === 1 ? "" : "s"}
            </Text>
            <ul className="mt-1 space-y-1 text-sm" data-testid="preview-alerts">
              {p.lastPeriod.wouldHaveAlerted.slice(0, 10).map((a) => (
                <li key={`${a.scopeValue}-${a.threshold}-${a.at}`} className="flex flex-wrap justify-between gap-x-2">
                  <span>
                    {thresholdLabel(a.threshold)} ({money(a.amount)}){a.scopeValue ? ` · ${a.scopeValue}` : ""}
                  </span>
                  <span className="text-tremor-content">{formatDateTime(a.at)}</span>
                </li>
              ))}
            </ul>
          </div>
        </>
      ) : null}
    </Card>
  );
}
