"use client";

import { Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/format-date";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";

type Page = ApiResponse<"audit.list">;

export function AuditPanel({ orgSlug }: { orgSlug: string }) {
  const q = useInfiniteQuery({
    queryKey: ["audit", orgSlug],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiFetch<Page>(apiUrl("/api/orgs/{org}/audit", { params: { org: orgSlug }, query: { cursor: pageParam } })),
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <QueryState isLoading={q.isLoading} error={q.error} label="the audit log" />
      {q.data && rows.length === 0 ? <EmptyState title="Nothing recorded yet" /> : null}
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
              {rows.map((e) => (
                <TableRow key={e.id} data-testid="audit-row">
                  <TableCell className="whitespace-nowrap">{formatDateTime(e.createdAt)}</TableCell>
                  <TableCell>{e.actorLabel}</TableCell>
                  <TableCell>
                    <code>{e.action}</code>
                  </TableCell>
                  <TableCell className="max-w-md truncate text-xs">
                    {Object.entries((e.metadata ?? {}) as Record<string, unknown>)
                      .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                      .join(" · ")}
                  </TableCell>
                </TableRow>
              ))}
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
