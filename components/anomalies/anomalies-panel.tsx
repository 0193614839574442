"use client";

import { Badge, Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { Pager } from "@/components/ui/pager";
import { QueryState } from "@/components/ui/query-state";
import { DIMENSION_LABEL, FEEDBACK_LABEL, KIND_LABEL, STATUS_COLOR, signedMoney } from "./anomaly-format";

const STATUSES = ["open", "acknowledged", "resolved"] as const;
const KINDS = ["spike", "ramp", "level_shift", "drop"] as const;
const DIMENSIONS = ["org", "team", "feature", "model", "customer", "apiKey"] as const;

function Filter<T extends string>(props: {
  label: string;
  values: readonly T[];
  value: T | undefined;
  text: (v: T) => string;
  onChange: (v: T | undefined) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-tremor-content">
      {props.label}
      <select
        aria-label={props.label}
        className="rounded-tremor-small border border-tremor-border px-2 py-1 text-sm"
        value={props.value ?? ""}
        onChange={(e) => props.onChange((e.target.value || undefined) as T | undefined)}
      >
        <option value="">all</option>
        {props.values.map((v) => (
          <option key={v} value={v}>
            {props.text(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Spend anomalies, open first, filtered by status, kind and dimension. */
export function AnomaliesPanel({ orgSlug }: { orgSlug: string }) {
  const [status, setStatus] = useState<(typeof STATUSES)[number] | undefined>();
  const [kind, setKind] = useState<(typeof KINDS)[number] | undefined>();
  const [dimension, setDimension] = useState<(typeof DIMENSIONS)[number] | undefined>();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ["anomalies", orgSlug, status, kind, dimension, page],
    queryFn: () =>
      apiFetch<ApiResponse<"orgAnomalies.list">>(
        apiUrl("/api/orgs/{org}/anomalies", { params: { org: orgSlug }, query: { status, kind, dimension, page } }),
      ),
    placeholderData: keepPreviousData,
  });
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  return (
    <Card className="space-y-4">
      <div className="flex flex-wrap gap-4">
        <fieldset className="flex flex-wrap gap-2" aria-label="Filter by status">
          {[undefined, ...STATUSES].map((s) => (
            <Button
              key={s ?? "all"}
              size="xs"
              variant={status === s ? "primary" : "secondary"}
              onClick={() => reset(setStatus)(s)}
            >
              {s ?? "all"}
            </Button>
          ))}
        </fieldset>
        <Filter label="Kind" values={KINDS} value={kind} text={(k) => KIND_LABEL[k]!} onChange={reset(setKind)} />
        <Filter
          label="Dimension"
          values={DIMENSIONS}
          value={dimension}
          text={(d) => DIMENSION_LABEL[d]!}
          onChange={reset(setDimension)}
        />
      </div>
      <QueryState isLoading={q.isLoading} error={q.error} label="anomalies" onRetry={() => void q.refetch()} />
      {q.data && q.data.items.length === 0 ? (
        <EmptyState title="No anomalies">
          Burnrate watches the hourly spend of the organisation and its top teams, features, models, customers and API
          keys every five minutes, after two weeks of history.
        </EmptyState>
      ) : null}
      {q.data?.items.length ? (
        <div className="overflow-x-auto">
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Where</TableHeaderCell>
                <TableHeaderCell>Kind</TableHeaderCell>
                <TableHeaderCell className="text-right">Impact</TableHeaderCell>
                <TableHeaderCell>Started</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {q.data.items.map((a) => (
                <TableRow key={a.id} data-testid="anomaly-row">
                  <TableCell>
                    <Link
                      className="text-tremor-brand underline"
                      href={`/${orgSlug}/anomalies/${encodeURIComponent(a.id)}`}
                    >
                      {a.monitor.label}
                    </Link>
                  </TableCell>
                  <TableCell>{KIND_LABEL[a.kind] ?? a.kind}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {signedMoney(a.impact)}
                    {a.impactPercent !== null ? (
                      <span className="text-tremor-content">
                        {" "}
                        ({a.impactPercent > 0 ? "+" : ""}
                        {a.impactPercent}%)
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell>{formatDateTime(a.start)}</TableCell>
                  <TableCell>
                    <Badge color={STATUS_COLOR[a.status as keyof typeof STATUS_COLOR] ?? "gray"}>{a.status}</Badge>
                    {a.feedback ? (
                      <span className="ml-2 text-xs text-tremor-content">{FEEDBACK_LABEL[a.feedback]}</span>
                    ) : null}
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
