"use client";

import { Badge, Card, Text } from "@tremor/react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { money, resetsIn, scopeLabel } from "./budget-format";
import { BudgetProgress } from "./budget-progress";
import { stateOf, useBudgetStatuses, useBudgets } from "./use-budget-status";

/** Every budget with its progress this period, forecast, state and when it resets. */
export function BudgetsPanel({ orgSlug, canManage }: { orgSlug: string; canManage: boolean }) {
  const q = useBudgets(orgSlug);
  const budgets = q.data?.budgets ?? [];
  const statuses = useBudgetStatuses(orgSlug, budgets);
  return (
    <div className="space-y-4">
      <QueryState isLoading={q.isLoading} error={q.error} label="budgets" onRetry={() => void q.refetch()} />
      {q.data && budgets.length === 0 ? (
        <EmptyState title="No budgets yet">
          {canManage ? (
            <Link className="text-tremor-brand underline" href={`/${orgSlug}/budgets/new`}>
              Create the first budget
            </Link>
          ) : (
            "A finance lead, admin or owner can create one."
          )}
        </EmptyState>
      ) : null}
      <ul className="grid gap-4 lg:grid-cols-2">
        {budgets.map((b, i) => {
          const s = statuses[i]?.data;
          const st = s ? stateOf(s) : null;
          return (
            <li key={b.id} data-testid="budget-card">
              <Card className="h-full space-y-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <Link
                      href={`/${orgSlug}/budgets/${b.id}`}
                      className="break-words font-medium text-tremor-content-strong hover:underline"
                    >
                      {b.name}
                    </Link>
                    <Text className="break-words">
                      {scopeLabel(b.scope)} · per {b.period}
                    </Text>
                  </div>
                  {b.hardCap ? <Badge color="gray">hard cap</Badge> : null}
                </div>
                {statuses[i]?.error ? (
                  <QueryState
                    isLoading={false}
                    error={statuses[i].error}
                    label="its status"
                    onRetry={() => void statuses[i]?.refetch()}
                  />
                ) : null}
                {s && st ? (
                  <>
                    {s.values ? (
                      <Text>
                        {money(b.amount)} each · {s.values.total} {s.values.dimension} value
                        {s.values.total === 1 ? "" : "s"} with spend, {money(s.spent)} in all
                      </Text>
                    ) : null}
                    <BudgetProgress
                      spent={s.values ? (s.values.items[0]?.spent ?? "0") : s.spent}
                      amount={s.amount}
                      percentUsed={s.values ? (s.values.items[0]?.percentUsed ?? null) : st.percentUsed}
                      state={st.state}
                    />
                    <div className="flex flex-wrap justify-between gap-x-4 text-xs text-tremor-content">
                      <span>
                        {s.forecast
                          ? `Forecast ${money(s.forecast.projected)}${s.forecast.exceedsAt ? " (over)" : ""}`
                          : s.values
                            ? `Highest: ${s.values.items[0]?.value ?? "—"}`
                            : ""}
                      </span>
                      <span data-testid="budget-resets">{resetsIn(s.resetsAt)}</span>
                    </div>
                  </>
                ) : !statuses[i]?.error ? (
                  <div className="h-10 animate-pulse rounded bg-tremor-background-subtle" />
                ) : null}
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
