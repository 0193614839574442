"use client";

import { Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/format-date";
import { SelectField } from "@/components/spend/select-field";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";
import { actionLabel, auditDetails } from "./audit-details";

type Page = ApiResponse<"audit.list">;
type Filters = { actor: string; action: string; fromDay: string; toDay: string };
const NONE: Filters = { actor: "", action: "", fromDay: "", toDay: "" };

/** A `YYYY-MM-DD` day input as the start of that UTC day (or of the next one, for the inclusive end). */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString();
}

export function AuditPanel({ orgSlug }: { orgSlug: string }) {
  const [f, setF] = useState<Filters>(NONE);
  const query = {
    actor: f.actor || undefined,
    action: f.action || undefined,
    from: dayStart(f.fromDay),
    to: dayStart(f.toDay, 1),
  };
  const q = useInfiniteQuery({
    queryKey: ["audit", orgSlug, query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiFetch<Page>(
        apiUrl("/api/orgs/{org}/audit", { params: { org: orgSlug }, query: { ...query, cursor: pageParam } }),
      ),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const filters = q.data?.pages[0]?.filters;
  const filtered = f.actor || f.action || f.fromDay || f.toDay;
  const set = (patch: Partial<Filters>) => setF((old) => ({ ...old, ...patch }));
  return (
    <Card>
      <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="audit-filters">
        <SelectField label="Who" id="audit-actor" value={f.actor} onValue={(actor) => set({ actor })}>
          <option value="">Anyone</option>
          {filters?.actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Action" id="audit-action" value={f.action} onValue={(action) => set({ action })}>
          <option value="">Any action</option>
          {filters?.actions.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </SelectField>
        <DayInput label="From (UTC day)" id="audit-from" value={f.fromDay} onValue={(fromDay) => set({ fromDay })} />
        <DayInput label="To (UTC day)" id="audit-to" value={f.toDay} onValue={(toDay) => set({ toDay })} />
        <div className="flex items-end">
          {filtered ? (
            <Button variant="light" onClick={() => setF(NONE)}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </div>
      <QueryState isLoading={q.isLoading} error={q.error} label="the audit log" onRetry={() => void q.refetch()} />
      {q.data && rows.length === 0 ? (
        <EmptyState title={filtered ? "No entries match these filters" : "Nothing recorded yet"} />
      ) : null}
      {rows.length > 0 ? (
        <div className="overflow-x-auto">
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>When</TableHeaderCell>
                <TableHeaderCell>Who</TableHeaderCell>
                <TableHeaderCell>Action</TableHeaderCell>
                <TableHeaderCell>Details</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((e) => {
                const details = auditDetails(e.metadata);
                return (
                  <TableRow key={e.id} data-testid="audit-row">
                    <TableCell className="whitespace-nowrap">{formatDateTime(e.createdAt)}</TableCell>
                    <TableCell>{e.actorLabel}</TableCell>
                    <TableCell title={e.action}>{actionLabel(e.action)}</TableCell>
                    <TableCell className="max-w-md truncate text-xs" title={details}>
                      {details}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {q.hasNextPage ? (
        <Button className="mt-4" variant="secondary" loading={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
          Load more
        </Button>
      ) : null}
    </Card>
  );
}

function DayInput({
  label,
  id,
  value,
  onValue,
}: {
  label: string;
  id: string;
  value: string;
  onValue: (v: string) => void;
}) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs font-medium text-tremor-content">
        {label}
      </label>
      <input
        id={id}
        type="date"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        className="mt-1 block w-full rounded-tremor-default border-tremor-border py-1.5 text-sm shadow-tremor-input"
      />
    </div>
  );
}
