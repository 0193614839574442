"use client";

import Link from "next/link";
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/format-date";
import { formatCount } from "./format-price";
import { pricingKeys } from "./pricing-keys";
import type { Unpriced } from "./types";
import { apiUrl } from "@/lib/client/api-url";

/** Overview card: events whose model has no price yet, and where to add one. */
export function UnpricedPanel({ orgSlug }: { orgSlug: string }) {
  const q = useQuery({
    queryKey: pricingKeys.unpriced(orgSlug),
    queryFn: () => apiFetch<Unpriced>(apiUrl("/api/orgs/{org}/unpriced", { params: { org: orgSlug } })),
  });
  const pricesHref = `/${orgSlug}/settings/prices`;
  const addHref = (provider: string, model: string) =>
    `${pricesHref}?${new URLSearchParams({ provider, model })}#custom-price`;

  return (
    <Card className="mt-6" data-testid="unpriced-panel">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="font-medium text-tremor-content-strong">Unpriced usage</h2>
          <p className="text-sm text-tremor-content">
            Events whose model has no known price count no spend until you add one.
          </p>
        </div>
        {q.data && q.data.totalEvents > 0 ? (
          <p className="sm:text-right">
            <span
              data-testid="unpriced-total"
              className="block text-2xl font-semibold tabular-nums text-tremor-content-strong"
            >
              {formatCount(q.data.totalEvents)}
            </span>
            <span className="text-xs text-tremor-content">
              {q.data.totalEvents === 1 ? "event" : "events"} without a price
            </span>
          </p>
        ) : null}
      </div>
      <QueryState isLoading={q.isLoading} error={q.error} label="unpriced usage" onRetry={() => void q.refetch()} />
      {q.data && q.data.items.length === 0 ? (
        <EmptyState title="Every event is priced">Models without a known price would be listed here.</EmptyState>
      ) : null}
      {q.data && q.data.items.length > 0 ? (
        <div className="overflow-x-auto">
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Model</TableHeaderCell>
                <TableHeaderCell className="text-right">Events</TableHeaderCell>
                <TableHeaderCell className="hidden sm:table-cell">Last seen</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {q.data.items.map((m) => (
                <TableRow key={`${m.provider}/${m.model}`} data-testid="unpriced-row">
                  <TableCell className="whitespace-normal">
                    <code className="break-words text-tremor-content-strong">
                      {m.provider} / {m.model}
                    </code>
                    <span className="block text-xs sm:hidden">last seen {formatDateTime(m.lastSeen)}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(m.events)}</TableCell>
                  <TableCell className="hidden whitespace-nowrap sm:table-cell">{formatDateTime(m.lastSeen)}</TableCell>
                  <TableCell className="text-right">
                    <Link href={addHref(m.provider, m.model)} className="whitespace-nowrap text-tremor-brand underline">
                      Add a price
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </Card>
  );
}
