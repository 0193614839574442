"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { type BudgetState, budgetState } from "./budget-format";

export type Budget = ApiResponse<"orgBudgets.list">["budgets"][number];
export type BudgetStatus = ApiResponse<"orgBudgets.status">;

export const budgetsKey = (org: string) => ["budgets", org];

export function useBudgets(orgSlug: string) {
  return useQuery({
    queryKey: budgetsKey(orgSlug),
    queryFn: () =>
      apiFetch<ApiResponse<"orgBudgets.list">>(apiUrl("/api/orgs/{org}/budgets", { params: { org: orgSlug } })),
  });
}

export const statusUrl = (org: string, budgetId: string, page = 1) =>
  apiUrl("/api/orgs/{org}/budgets/{budgetId}/status", { params: { org, budgetId }, query: { page } });

/** The status of each budget, refreshed every 15 s (evaluation follows spend within seconds). */
export function useBudgetStatuses(orgSlug: string, budgets: Budget[]) {
  return useQueries({
    queries: budgets.map((b) => ({
      queryKey: ["budget-status", orgSlug, b.id, 1],
      queryFn: () => apiFetch<BudgetStatus>(statusUrl(orgSlug, b.id)),
      refetchInterval: 15_000,
    })),
  });
}

/** For a "*" budget the state of its highest value; otherwise of the budget. */
export function stateOf(s: BudgetStatus): { state: BudgetState; percentUsed: string | null } {
  if (!s.values) return { state: budgetState(s), percentUsed: s.percentUsed };
  const top = s.values.items[0];
  if (!top) return { state: "ok", percentUsed: null };
  return {
    state: budgetState({ spent: top.spent, amount: s.amount, percentUsed: top.percentUsed, forecast: null }),
    percentUsed: null,
  };
}
