"use client";

import { Badge, Button } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/format-date";
import { isEnded, overrideScope } from "./format-price";
import { OverrideTerms } from "./override-terms";
import { pricingKeys, refreshPricing } from "./pricing-keys";
import type { PriceOverride } from "./types";
import { apiUrl } from "@/lib/client/api-url";

function confirmText(o: PriceOverride): string {
  const what =
    o.kind === "DISCOUNT"
      ? `the ${o.percentOff}% discount on ${overrideScope(o)}`
      : `your price for ${overrideScope(o)}`;
  return `End ${what}? Events from now on are priced without it; past events keep the price they had.`;
}

/** The organisation's discounts and custom prices: active first, ended ones greyed with their end date. */
export function OverridesList({ orgSlug, canManage }: { orgSlug: string; canManage: boolean }) {
  const client = useQueryClient();
  const url = apiUrl("/api/orgs/{org}/price-overrides", { params: { org: orgSlug } });
  const q = useQuery({
    queryKey: pricingKeys.overrides(orgSlug),
    queryFn: () => apiFetch<{ items: PriceOverride[] }>(url),
  });
  const end = useMutation({
    mutationFn: (id: string) =>
      apiFetch(apiUrl("/api/orgs/{org}/price-overrides/{overrideId}", { params: { org: orgSlug, overrideId: id } }), {
        method: "DELETE",
      }),
    onSettled: () => refreshPricing(client, orgSlug),
  });
  const now = Date.now();
  const rows = [...(q.data?.items ?? [])].sort((a, b) => Number(isEnded(a, now)) - Number(isEnded(b, now)));

  return (
    <div className="space-y-3">
      <QueryState isLoading={q.isLoading} error={q.error} label="your prices" onRetry={() => void q.refetch()} />
      <FormError message={end.error?.message} />
      {q.data && rows.length === 0 ? (
        <EmptyState title="No discounts or custom prices">Events are priced at the catalog prices below.</EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <ul className="divide-y divide-tremor-border border-y border-tremor-border text-sm">
          {rows.map((o) => {
            const ended = isEnded(o, now);
            return (
              <li
                key={o.id}
                data-testid="override-row"
                className={`flex flex-wrap items-center gap-x-6 gap-y-1 py-3 ${ended ? "opacity-60" : ""}`}
              >
                <div className="min-w-0 basis-56 grow">
                  <p className="break-words font-medium text-tremor-content-strong">{overrideScope(o)}</p>
                  <p className="text-xs text-tremor-content">
                    {o.kind === "DISCOUNT" ? "Discount" : "Custom price"}
                    {o.note ? ` · ${o.note}` : ""}
                  </p>
                </div>
                <div className="min-w-0 basis-56 grow text-tremor-content-emphasis">
                  <OverrideTerms o={o} />
                  <p className="text-xs text-tremor-content">
                    from {formatDateTime(o.effectiveFrom)}
                    {o.effectiveTo ? (
                      <>
                        {" "}
                        · {ended ? "ended" : "until"} {formatDateTime(o.effectiveTo)}
                      </>
                    ) : null}
                  </p>
                </div>
                <div className="ml-auto">
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
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
