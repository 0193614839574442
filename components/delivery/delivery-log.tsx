"use client";

import { Badge, Button, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/format-date";

type Page = ApiResponse<"webhooks.deliveries.dashboard">;
export type DeliveryRow = Page["deliveries"][number];

const STATUS_COLOR: Record<string, "emerald" | "amber" | "rose" | "gray" | "blue"> = {
  delivered: "emerald",
  pending: "amber",
  failed: "rose",
  cancelled: "gray",
  digest_pending: "blue",
  digested: "blue",
};

/**
 * A target's deliveries, newest first, paged by cursor: time, event, status, attempts, the last
 * attempt's status code and response excerpt, the next retry; `onReplay` adds a Replay button.
 */
export function DeliveryLog({
  queryKey,
  urlFor,
  onReplay,
  replaying,
}: {
  queryKey: readonly unknown[];
  urlFor: (cursor: string | undefined) => string;
  onReplay?: (deliveryId: string) => void;
  replaying?: string | null;
}) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useQuery({
    queryKey: [...queryKey, cursor ?? "first"],
    queryFn: () => apiFetch<Page>(urlFor(cursor)),
    refetchInterval: 3_000,
  });

  return (
    <div className="space-y-2" data-testid="delivery-log">
      <QueryState
        isLoading={page.isLoading}
        error={page.error}
        label="deliveries"
        onRetry={() => void page.refetch()}
      />
      {page.data && page.data.deliveries.length === 0 ? (
        <EmptyState title="No deliveries yet">Alerts and tests sent here will be listed with every attempt.</EmptyState>
      ) : null}
      {page.data && page.data.deliveries.length > 0 ? (
        <div className="overflow-x-auto">
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Time</TableHeaderCell>
                <TableHeaderCell>Event</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Attempts</TableHeaderCell>
                <TableHeaderCell>Response</TableHeaderCell>
                <TableHeaderCell>Next retry</TableHeaderCell>
                {onReplay ? <TableHeaderCell className="text-right">Replay</TableHeaderCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {page.data.deliveries.map((d) => {
                const last = d.attempts[0];
                return (
                  <TableRow key={d.id} data-testid="delivery-row">
                    <TableCell>{formatDateTime(last?.at ?? d.createdAt)}</TableCell>
                    <TableCell>
                      <code className="text-xs">{d.eventType}</code>
                    </TableCell>
                    <TableCell>
                      <Badge color={STATUS_COLOR[d.status] ?? "gray"}>{d.status}</Badge>
                    </TableCell>
                    <TableCell>{d.attemptCount}</TableCell>
                    <TableCell className="max-w-xs whitespace-normal">
                      {last ? (
                        <span className="text-xs">
                          <span className="font-medium">{last.statusCode ?? "no answer"}</span>
                          {last.responseExcerpt ? ` · ${last.responseExcerpt.slice(0, 120)}` : ""}
                          {last.error ? ` · ${last.error.slice(0, 120)}` : ""}
                        </span>
                      ) : (
                        "—"
                      )}
                    </TableCell>
                    <TableCell>{d.status === "pending" ? formatDateTime(d.nextAttemptAt) : "—"}</TableCell>
                    {onReplay ? (
                      <TableCell className="text-right">
                        <Button
                          size="xs"
                          variant="secondary"
                          loading={replaying === d.id}
                          onClick={() => onReplay(d.id)}
                        >
                          Replay
                        </Button>
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {page.data && (cursors.length > 1 || page.data.nextCursor) ? (
        <div className="flex items-center justify-end gap-2">
          <Button
            size="xs"
            variant="secondary"
            disabled={cursors.length === 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer
          </Button>
          <span className="text-xs text-tremor-content">page {cursors.length}</span>
          <Button
            size="xs"
            variant="secondary"
            disabled={!page.data.nextCursor}
            onClick={() => setCursors((c) => [...c, page.data!.nextCursor ?? undefined])}
          >
            Older
          </Button>
        </div>
      ) : null}
    </div>
  );
}
