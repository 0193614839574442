"use client";

import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Title, Button } from "@tremor/react";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { formatDateTime } from "@/components/ui/format-date";
import { QueryState } from "@/components/ui/query-state";
import { money, resetsIn } from "./budget-format";
import { CapOverrideForm } from "./cap-override-form";

type Cap = ApiResponse<"caps.list">["caps"][number];

function CapRow({
  c,
  orgSlug,
  showBudget,
  canManage,
}: {
  c: Cap;
  orgSlug: string;
  showBudget: boolean;
  canManage: boolean;
}) {
  const [overriding, setOverriding] = useState(false);
  return (
    <>
      <TableRow data-testid="capped-scope">
        {showBudget ? (
          <TableCell className="max-w-[12rem] truncate">
            <Link href={`/${orgSlug}/budgets/${c.budgetId}`} className="hover:underline">
              {c.budgetName}
            </Link>
          </TableCell>
        ) : null}
        <TableCell className="max-w-[10rem] truncate">{c.scopeValue ?? "whole scope"}</TableCell>
        <TableCell className="whitespace-nowrap">{formatDateTime(c.since)}</TableCell>
        <TableCell className="text-right tabular-nums">
          {money(c.spent)} / {money(c.cap)}
          {c.override !== "0" ? (
            <span className="block text-xs text-tremor-content">incl. +{money(c.override)} override</span>
          ) : null}
        </TableCell>
        <TableCell className="text-right tabular-nums">
          {c.refusals} · {money(c.refused)}
        </TableCell>
        <TableCell className="whitespace-nowrap text-xs">{resetsIn(c.resetsAt)}</TableCell>
        {canManage ? (
          <TableCell>
            {!overriding ? (
              <Button size="xs" variant="secondary" onClick={() => setOverriding(true)}>
                Override
              </Button>
            ) : null}
          </TableCell>
        ) : null}
      </TableRow>
      {overriding ? (
        <TableRow>
          <TableCell colSpan={showBudget ? 7 : 6}>
            <CapOverrideForm
              orgSlug={orgSlug}
              budgetId={c.budgetId}
              scopeValue={c.scopeValue}
              onDone={() => setOverriding(false)}
            />
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
}

/**
 * Scopes a hard cap holds now: since when, spend against the cap, reservations refused, when it
 * resets, and (FINANCE and above) an override. The Overview lists every budget's; a budget page its own.
 */
export function CappedScopesPanel({
  orgSlug,
  budgetId,
  canManage,
}: {
  orgSlug: string;
  budgetId?: string;
  canManage: boolean;
}) {
  const q = useQuery({
    queryKey: ["caps", orgSlug, budgetId ?? "all"],
    queryFn: () =>
      apiFetch<ApiResponse<"caps.list">>(
        apiUrl("/api/orgs/{org}/caps", { params: { org: orgSlug }, query: budgetId ? { budgetId } : {} }),
      ),
    refetchInterval: 15_000,
  });
  const caps = q.data?.caps ?? [];
  const showBudget = !budgetId;
  return (
    <Card data-testid="capped-scopes" className="space-y-3">
      <Title>Capped now</Title>
      <QueryState isLoading={q.isLoading} error={q.error} label="capped scopes" onRetry={() => void q.refetch()} />
      {q.data && caps.length === 0 ? (
        <p className="text-tremor-default text-tremor-content">
          {budgetId
            ? "Nothing is capped: calls in this budget's scope are allowed."
            : "No hard cap is holding any scope: every call is allowed."}
        </p>
      ) : null}
      {caps.length > 0 ? (
        <div className="overflow-x-auto">
          <Table>
            <TableHead>
              <TableRow>
                {showBudget ? <TableHeaderCell>Budget</TableHeaderCell> : null}
                <TableHeaderCell>Value</TableHeaderCell>
                <TableHeaderCell>Capped since</TableHeaderCell>
                <TableHeaderCell className="text-right">Spent / cap</TableHeaderCell>
                <TableHeaderCell className="text-right">Refused</TableHeaderCell>
                <TableHeaderCell>Resets</TableHeaderCell>
                {canManage ? <TableHeaderCell /> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {caps.map((c) => (
                <CapRow
                  key={`${c.budgetId}|${c.scopeValue}`}
                  c={c}
                  orgSlug={orgSlug}
                  showBudget={showBudget}
                  canManage={canManage}
                />
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </Card>
  );
}
