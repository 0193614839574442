"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";

export type PeriodView = ApiResponse<"orgChargeback.period">;
export type Settings = ApiResponse<"orgChargeback.settings">["settings"];

export const periodKey = (org: string, period: string) => ["chargeback", org, period];

export function usePeriod(org: string, period: string) {
  return useQuery({
    queryKey: periodKey(org, period),
    queryFn: () => apiFetch<PeriodView>(apiUrl("/api/orgs/{org}/chargeback", { params: { org }, query: { period } })),
  });
}

export function useSettings(org: string) {
  return useQuery({
    queryKey: ["chargeback-settings", org],
    queryFn: () =>
      apiFetch<ApiResponse<"orgChargeback.settings">>(
        apiUrl("/api/orgs/{org}/chargeback/settings", { params: { org } }),
      ),
  });
}

/** The month before `period` and after it ("2026-11" -> "2026-10"). */
export function shift(period: string, months: number): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** [from, to) of a month in UTC, for the FOCUS export of the page's period. */
export function monthRange(period: string): { from: string; to: string } {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1)).toISOString(), to: new Date(Date.UTC(y, m, 1)).toISOString() };
}
