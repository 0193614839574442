"use client";

import { Card, Text, Title } from "@tremor/react";
import Link from "next/link";
import { QueryState } from "@/components/ui/query-state";
import { BudgetProgress } from "./budget-progress";
import { stateOf, useBudgetStatuses, useBudgets } from "./use-budget-status";

const RANK = { over: 0, "at risk": 1, ok: 2 } as const;

/** The Overview's panel: budgets over or at risk (forecast over, or 80% used), worst first. */
export function BudgetsAtRisk({ orgSlug }: { orgSlug: string }) {
  const q = useBudgets(orgSlug);
  const budgets = q.data?.budgets ?? [];
  const statuses = useBudgetStatuses(orgSlug, budgets);
  const rows = budgets
    .map((b, i) => ({ b, s: statuses[i]?.data }))
    .filter((r) => r.s)
    .map((r) => ({ ...r, st: stateOf(r.s!) }))
    .filter((r) => r.st.state !== "ok")
    .sort((x, y) => RANK[x.st.state] - RANK[y.st.state]);
  const loading = q.isLoading || statuses.some((s) => s.isLoading);
  return (
    <Card data-testid="budgets-at-risk" className="space-y-3">
      <div className="flex items-baseline justify-between gap-2">
        <Title>Budgets at risk</Title>
        <Link className="text-sm text-tremor-brand underline" href={`/${orgSlug}/budgets`}>
          All budgets
        </Link>
      </div>
      <QueryState
        isLoading={loading}
        error={q.error ?? statuses.find((s) => s.error)?.error}
        label="budgets"
        onRetry={() => {
          if (q.error) void q.refetch();
          for (const s of statuses) if (s.error) void s.refetch();
        }}
      />
      {!loading && q.data && budgets.length === 0 ? <Text>No budgets yet.</Text> : null}
      {!loading && budgets.length > 0 && rows.length === 0 ? (
        <Text>All {budgets.length} budgets are on track.</Text>
      ) : null}
      <ul className="space-y-3">
        {rows.slice(0, 5).map(({ b, s, st }) => (
          <li key={b.id}>
            <Link href={`/${orgSlug}/budgets/${b.id}`} className="text-sm font-medium hover:underline">
              {b.name}
            </Link>
            <BudgetProgress
              spent={s!.values ? (s!.values.items[0]?.spent ?? "0") : s!.spent}
              amount={s!.amount}
              percentUsed={st.percentUsed}
              state={st.state}
            />
          </li>
        ))}
      </ul>
    </Card>
  );
}
