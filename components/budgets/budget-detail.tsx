"use client";

import {
  Badge,
  Card,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Text,
  Title,
} from "@tremor/react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { formatDateTime } from "@/components/ui/format-date";
import { QueryState } from "@/components/ui/query-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { dimensionLabel, formatPeriod, money, resetsIn, scopeLabel, thresholdLabel } from "./budget-format";
import { useMembers } from "./budget-owner-select";
import { BudgetProgress } from "./budget-progress";
import { CapOverridesList } from "./cap-overrides-list";
import { CappedScopesPanel } from "./capped-scopes-panel";
import { DeleteBudgetButton } from "./delete-budget-button";
import { type BudgetStatus, stateOf, statusUrl } from "./use-budget-status";

function Values({ s, onPage }: { s: BudgetStatus; onPage: (p: number) => void }) {
  const v = s.values!;
  return (
    <Card>
      <Title>Each {dimensionLabel(v.dimension)} this period</Title>
      <Text>
        {v.total} value{v.total === 1 ? "" : "s"} with spend, highest first; each has {money(s.amount)}.
      </Text>
      {v.items.length === 0 ? (
        <EmptyState title="No spend this period yet" />
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="budget-values">
            <TableHead>
              <TableRow>
                <TableHeaderCell>{dimensionLabel(v.dimension)}</TableHeaderCell>
                <TableHeaderCell className="text-right">Spent</TableHeaderCell>
                <TableHeaderCell className="text-right">Used</TableHeaderCell>
                <TableHeaderCell>Crossed</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {v.items.map((x) => (
                <TableRow key={x.value}>
                  <TableCell className="max-w-[10rem] truncate">{x.value}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(x.spent)}</TableCell>
                  <TableCell className="text-right tabular-nums">{x.percentUsed}%</TableCell>
                  <TableCell>{x.thresholdsCrossed.map((c) => thresholdLabel(c.threshold)).join(", ") || "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Pager page={v.page} hasMore={v.page * v.pageSize < v.total} onPage={onPage} />
    </Card>
  );
}

function History({ orgSlug, budgetId }: { orgSlug: string; budgetId: string }) {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ["budget-history", orgSlug, budgetId, page],
    queryFn: () =>
      apiFetch<ApiResponse<"orgBudgets.history">>(
        apiUrl("/api/orgs/{org}/budgets/{budgetId}/history", { params: { org: orgSlug, budgetId }, query: { page } }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Card>
      <Title>History</Title>
      <QueryState isLoading={q.isLoading} error={q.error} label="the history" onRetry={() => void q.refetch()} />
      {q.data && q.data.items.length === 0 ? <EmptyState title="No spend recorded yet" /> : null}
      {q.data?.items.length ? (
        <div className="overflow-x-auto">
          <Table data-testid="budget-history">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Period</TableHeaderCell>
                <TableHeaderCell className="text-right">Spent</TableHeaderCell>
                <TableHeaderCell className="text-right">Used</TableHeaderCell>
                <TableHeaderCell>Thresholds crossed</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {q.data.items.map((p) => (
                <TableRow key={p.period.start}>
                  <TableCell className="whitespace-nowrap">{formatPeriod(p.period)}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(p.spent)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {p.percentUsed ? `${p.percentUsed}%` : `${p.values} values`}
                  </TableCell>
                  <TableCell className="text-xs">
                    {p.thresholdsCrossed
                      .slice(0, 6)
                      .map(
                        (c) =>
                          `${thresholdLabel(c.threshold)}${c.scopeValue ? ` (${c.scopeValue})` : ""} ${formatDateTime(c.crossedAt)}`,
                      )
                      .join(" · ") || "—"}
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

/** One budget: this period (progress, forecast, thresholds crossed, values of a "*" scope) and past periods. */
export function BudgetDetail({
  orgSlug,
  budgetId,
  canManage,
}: {
  orgSlug: string;
  budgetId: string;
  canManage: boolean;
}) {
  const [page, setPage] = useState(1);
  const budget = useQuery({
    queryKey: ["budget", orgSlug, budgetId],
    queryFn: () =>
      apiFetch<ApiResponse<"orgBudgets.get">>(
        apiUrl("/api/orgs/{org}/budgets/{budgetId}", { params: { org: orgSlug, budgetId } }),
      ),
  });
  const status = useQuery({
    queryKey: ["budget-status", orgSlug, budgetId, page],
    queryFn: () => apiFetch<BudgetStatus>(statusUrl(orgSlug, budgetId, page)),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const members = useMembers(orgSlug);
  const b = budget.data?.budget;
  const s = status.data;
  const owner = b?.ownerUserId ? members.data?.find((u) => u.id === b.ownerUserId) : undefined;
  const st = s ? stateOf(s) : null;
  return (
    <div className="space-y-6">
      <QueryState
        isLoading={budget.isLoading || status.isLoading}
        error={budget.error ?? status.error}
        label="the budget"
        onRetry={() => {
          if (budget.error) void budget.refetch();
          if (status.error) void status.refetch();
        }}
      />
      {b && s && st ? (
        <>
          <Card className="space-y-4">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <Title className="break-words">{b.name}</Title>
                <Text className="break-words">
                  {scopeLabel(b.scope)} · per {b.period} · {money(b.amount)}
                  {s.values ? " each" : ""}
                </Text>
                <p className="text-tremor-default text-tremor-content" data-testid="budget-owner">
                  Owner: {b.ownerUserId ? (owner?.email ?? (members.isPending ? "…" : "a former member")) : "nobody"}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {b.hardCap ? <Badge color="gray">hard cap</Badge> : null}
                {canManage ? (
                  <>
                    <Link className="text-sm text-tremor-brand underline" href={`/${orgSlug}/budgets/${b.id}/edit`}>
                      Edit
                    </Link>
                    <DeleteBudgetButton orgSlug={orgSlug} budgetId={b.id} name={b.name} />
                  </>
                ) : null}
              </div>
            </div>
            {!s.values ? (
              <BudgetProgress spent={s.spent} amount={s.amount} percentUsed={st.percentUsed} state={st.state} />
            ) : null}
            <dl className="grid gap-3 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-tremor-content">Period</dt>
                <dd>
                  {formatPeriod(s.period)} ({s.timeZone})
                </dd>
              </div>
              <div>
                <dt className="text-tremor-content">Remaining</dt>
                <dd className="tabular-nums">{s.remaining ? money(s.remaining) : "per value"}</dd>
              </div>
              <div>
                <dt className="text-tremor-content">Forecast</dt>
                <dd className="tabular-nums" data-testid="budget-forecast">
                  {s.forecast
                    ? `${money(s.forecast.projected)}${s.forecast.exceedsAt ? ` — over by ${formatDateTime(s.forecast.exceedsAt)}` : ""}`
                    : "—"}
                </dd>
              </div>
            </dl>
            <Text>
              {resetsIn(s.resetsAt)} ({formatDateTime(s.resetsAt)})
            </Text>
            {s.thresholdsCrossed.length ? (
              <ul className="space-y-1 text-sm" data-testid="thresholds-crossed">
                {s.thresholdsCrossed.map((c) => (
                  <li key={c.threshold} className="flex flex-wrap justify-between gap-x-2">
                    <span>
                      {thresholdLabel(c.threshold)} ({money(c.amount)}) crossed
                      {c.notified ? "" : " (late, not notified)"}
                    </span>
                    <span className="text-tremor-content">{formatDateTime(c.crossedAt)}</span>
                  </li>
                ))}
              </ul>
            ) : s.values ? (
              <Text>Thresholds apply to each value: the values below show which each one crossed.</Text>
            ) : (
              <Text>No threshold crossed this period.</Text>
            )}
          </Card>
          {b.hardCap ? <CappedScopesPanel orgSlug={orgSlug} budgetId={b.id} canManage={canManage} /> : null}
          {b.hardCap ? (
            <CapOverridesList
              orgSlug={orgSlug}
              budgetId={b.id}
              canManage={canManage}
              plainScope={!Object.values(b.scope).includes("*")}
            />
          ) : null}
          {s.values ? <Values s={s} onPage={setPage} /> : null}
          <History orgSlug={orgSlug} budgetId={budgetId} />
        </>
      ) : null}
    </div>
  );
}
