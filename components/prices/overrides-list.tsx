"use client";

import { Badge, Button, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client-fetch";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/format-date";
import { isEnded, overrideScope } from "./format-price";
import { OverrideTerms } from "./override-terms";
import { pricingKeys, refreshPricing } from "./pricing-keys";
import type { PriceOverride } from "./types";

function confirmText(o: PriceOverride): string {
  const what = o.kind === "DISCOUNT" ? `the ${o.percentOff}% discount on ${overrideScope(o)}` : `your price for ${overrideScope(o)}`;
  return `End ${what}? Events from now on are priced without it; past events keep the price they had.`;
}

/** The organisation's discounts and custom prices: active first, ended ones greyed with their end date. */
export function OverridesList({ orgSlug, canManage }: { orgSlug: string; canManage: boolean }) {
  const client = useQueryClient();
  const url = `/api/orgs/${orgSlug}/price-overrides`;
  const q = useQuery({ queryKey: pricingKeys.overrides(orgSlug), queryFn: () => apiFetch<{ items: PriceOverride[] }>(url) });
  const end = useMutation({
    mutationFn: (id: string) => apiFetch(`${url}/${id}`, { method: "DELETE" }),
    onSettled: () => refreshPricing(client, orgSlug),
  });
  const now = Date.now();
  const rows = [...(q.data?.items ?? [])].sort((a, b) => Number(isEnded(a, now)) - Number(isEnded(b, now)));

  return (
    <div>
      <QueryState isLoading={q.isLoading} error={q.error} label="your prices" />
      <FormError message={end.error?.message} />
      {q.data && rows.length === 0 ? (
        <EmptyState title="No discounts or custom prices">Events are priced at the catalog prices below.</EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <div className="overflow-x-auto">
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Applies to</TableHeaderCell>
                <TableHeaderCell>Price</TableHeaderCell>
                <TableHeaderCell>In force</TableHeaderCell>
                <TableHeaderCell className="text-right">Status</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((o) => {
                const ended = isEnded(o, now);
                return (
                  <TableRow key={o.id} data-testid="override-row" className={ended ? "opacity-60" : undefined}>
                    <TableCell>
                      <span className="font-medium text-tremor-content-strong">{overrideScope(o)}</span>
                      <span className="block text-xs">{o.kind === "DISCOUNT" ? "Discount" : "Custom price"}{o.note ? ` · ${o.note}` : ""}</span>
                    </TableCell>
                    <TableCell><OverrideTerms o={o} /></TableCell>
                    <TableCell className="text-xs">
                      from {formatDateTime(o.effectiveFrom)}
                      {o.effectiveTo ? <span className="block">until {formatDateTime(o.effectiveTo)}</span> : null}
                    </TableCell>
                    <TableCell className="text-right">
                      {ended ? (
                        <Badge color="gray">ended</Badge>
                      ) : canManage ? (
                        <Button
                          size="xs"
                          variant="secondary"
                          color="rose"
                          loading={end.isPending && end.variables === o.id}
                          onClick={() => window.confirm(confirmText(o)) && end.mutate(o.id)}
                        >
                          {o.kind === "DISCOUNT" ? "End" : "Remove"}
                        </Button>
                      ) : (
                        <Badge color="emerald">active</Badge>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </div>
  );
}
