"use client";

import { Badge, Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/components/ui/format-date";
import { Pager } from "@/components/ui/pager";
import { QueryState } from "@/components/ui/query-state";
import { money, thresholdLabel } from "./budget-format";

const STATES = ["open", "acknowledged", "resolved"] as const;
const COLOR = { open: "rose", acknowledged: "amber", resolved: "gray" } as const;

/** Budget alerts, newest first, filtered by state, with acknowledge for those who manage budgets. */
export function AlertsPanel({ orgSlug, canManage }: { orgSlug: string; canManage: boolean }) {
  const [state, setState] = useState<(typeof STATES)[number] | undefined>();
  const [page, setPage] = useState(1);
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ["alerts", orgSlug, state, page],
    queryFn: () =>
      apiFetch<ApiResponse<"orgAlerts.list">>(
        apiUrl("/api/orgs/{org}/alerts", { params: { org: orgSlug }, query: { state, page } }),
      ),
    placeholderData: keepPreviousData,
  });
  const ack = useMutation({
    mutationFn: (alertId: string) =>
      apiFetch<ApiResponse<"orgAlerts.acknowledge">>(
        apiUrl("/api/orgs/{org}/alerts/{alertId}/acknowledge", { params: { org: orgSlug, alertId } }),
        { method: "POST" },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["alerts", orgSlug] }),
  });
  return (
    <Card className="space-y-4">
      <fieldset className="flex flex-wrap gap-2" aria-label="Filter by state">
        {[undefined, ...STATES].map((s) => (
          <Button
            key={s ?? "all"}
            size="xs"
            variant={state === s ? "primary" : "secondary"}
            onClick={() => {
              setState(s);
              setPage(1);
            }}
          >
            {s ?? "all"}
          </Button>
        ))}
      </fieldset>
      <FormError message={ack.error?.message} />
      <QueryState isLoading={q.isLoading} error={q.error} label="alerts" onRetry={() => void q.refetch()} />
      {q.data && q.data.items.length === 0 ? (
        <EmptyState title={state ? `No ${state} alerts` : "No alerts yet"}>
          Alerts appear when spend crosses a budget threshold.
        </EmptyState>
      ) : null}
      {q.data?.items.length ? (
        <div className="overflow-x-auto">
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Budget</TableHeaderCell>
                <TableHeaderCell>Alert</TableHeaderCell>
                <TableHeaderCell className="text-right">Spent</TableHeaderCell>
                <TableHeaderCell>When</TableHeaderCell>
                <TableHeaderCell>State</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {q.data.items.map((a) => (
                <TableRow key={a.id} data-testid="alert-row">
                  <TableCell className="max-w-[12rem]">
                    <Link className="block truncate hover:underline" href={`/${orgSlug}/budgets/${a.budget.id}`}>
                      {a.budget.name}
                    </Link>
                    {a.scopeValue ? <span className="text-xs text-tremor-content">{a.scopeValue}</span> : null}
                  </TableCell>
                  <TableCell>
                    {a.kind === "forecast"
                      ? `projected to exceed by ${formatDateTime(a.projectedAt)}`
                      : `${thresholdLabel(a.threshold)} (${money(a.thresholdAmount)})`}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{money(a.spent)}</TableCell>
                  <TableCell className="whitespace-nowrap">{formatDateTime(a.escalatedAt ?? a.openedAt)}</TableCell>
                  <TableCell>
                    <div className="flex items-center gap-2">
                      <Badge color={COLOR[a.state as keyof typeof COLOR] ?? "gray"}>{a.state}</Badge>
                      {canManage && a.state === "open" ? (
                        <Button
                          size="xs"
                          variant="secondary"
                          loading={ack.isPending && ack.variables === a.id}
                          onClick={() => ack.mutate(a.id)}
                        >
                          Acknowledge
                        </Button>
                      ) : null}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {q.data ? <Pager page={page} hasMore={q.data.hasMore} onPage={setPage} /> : null}
    </Card>
  );
}
