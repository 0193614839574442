"use client";

import { Card } from "@tremor/react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { apiUrl } from "@/lib/client/api-url";
import { formatDateTime } from "@/components/ui/format-date";
import { QueryState } from "@/components/ui/query-state";
import { formatUsd } from "./format-price";
import { pricingKeys } from "./pricing-keys";
import type { PriceSchedule } from "./types";

type Prices = { input?: string; output?: string; cachedInput?: string } | null | undefined;
const brief = (p: Prices) => (p ? `${formatUsd(p.input)} in · ${formatUsd(p.output ?? "0")} out` : "not priced");

/** Prices page: catalog prices that change on a known date, and prices that depend on the UTC time of day. */
export function PriceSchedulePanel({ orgSlug }: { orgSlug: string }) {
  const q = useQuery({
    queryKey: pricingKeys.schedule(orgSlug),
    queryFn: () => apiFetch<PriceSchedule>(apiUrl("/api/orgs/{org}/prices/schedule", { params: { org: orgSlug } })),
  });
  if (q.data && q.data.upcoming.length === 0 && q.data.timeOfDay.length === 0) return null;
  return (
    <Card data-testid="price-schedule">
      <h2 className="font-medium text-tremor-content-strong">Scheduled price changes</h2>
      <p className="mb-3 text-sm text-tremor-content">
        Catalog prices per 1M tokens. An event is priced with the price in force at its timestamp (UTC).
      </p>
      <QueryState isLoading={q.isLoading} error={q.error} label="price schedule" onRetry={() => void q.refetch()} />
      {q.data?.upcoming.length ? (
        <ul className="mb-3 space-y-1 text-sm" data-testid="upcoming-prices">
          {q.data.upcoming.map((u) => (
            <li key={`${u.provider}/${u.model}/${u.effectiveFrom}`}>
              <span className="font-medium text-tremor-content-strong">{u.displayName ?? u.model}</span>{" "}
              <span className="font-mono text-xs text-tremor-content">
                {u.provider}/{u.model}
              </span>
              : from {formatDateTime(u.effectiveFrom)}, {brief(u.prices)}{" "}
              <span className="text-tremor-content">(now {brief(u.previous)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {q.data?.timeOfDay.length ? (
        <ul className="space-y-1 text-sm" data-testid="time-of-day-prices">
          {q.data.timeOfDay.map((t) => (
            <li key={`${t.provider}/${t.model}`}>
              <span className="font-medium text-tremor-content-strong">{t.displayName ?? t.model}</span>:{" "}
              {brief(t.prices)}
              {t.windows.map((w) => (
                <span key={`${w.from}-${w.to}`}>
                  ; {w.label ?? "window"} {w.from}–{w.to} UTC: {brief({ ...t.prices, ...w.prices })}
                </span>
              ))}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
