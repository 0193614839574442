"use client";

import { Badge, Card } from "@tremor/react";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/lib/client/api-fetch";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";
import { formatMoney } from "@/lib/money/format";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryState } from "@/components/ui/query-state";
import { dimensionHref } from "@/components/spend/dimensions";

type Insights = ApiResponse<"insights.dashboard">;

const KIND_LABELS: Record<Insights["insights"][number]["kind"], string> = {
  prompt_caching: "Prompt caching",
  batch_tier: "Batch or flex tier",
  cheaper_model: "Smaller model",
  retry_waste: "Failed and retried calls",
  conversation_depth: "Conversation depth",
};

/** The savings insights of the organisation, largest first, each with its range, assumption and evidence. */
export function SavingsPanel({ orgSlug }: { orgSlug: string }) {
  const q = useQuery({
    queryKey: ["insights", orgSlug],
    queryFn: () => apiFetch<Insights>(apiUrl("/api/orgs/{org}/insights", { params: { org: orgSlug } })),
  });
  if (q.isLoading || q.error) {
    return (
      <QueryState
        isLoading={q.isLoading}
        error={q.error}
        label="savings insights"
        onRetry={() => void q.refetch()}
        skeletonClassName="h-64"
      />
    );
  }
  const insights = q.data?.insights ?? [];
  if (insights.length === 0) {
    return (
      <EmptyState title="No savings found in the last 30 days">
        Nothing in your usage supports an estimate yet: prompts are short or already cached, calls succeed, and no
        feature is marked as able to wait (below, or tag its events <code>interactive: &quot;false&quot;</code>).
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      {insights.map((i) => (
        <Card key={`${i.kind}:${i.features.join()}:${i.models.join()}`} data-testid="insight" data-kind={i.kind}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                <Badge size="xs" color="gray">
                  {KIND_LABELS[i.kind]}
                </Badge>
                {i.estimate ? (
                  <Badge size="xs" color="amber" data-testid="insight-estimate">
                    Estimate: quality not verified
                  </Badge>
                ) : null}
              </div>
              <h2 className="mt-2 font-medium text-tremor-content-strong">{i.title}</h2>
            </div>
            <div className="text-right">
              <p className="text-lg font-semibold tabular-nums text-tremor-content-strong" data-testid="insight-range">
                {formatMoney(i.monthlySavings.low)} – {formatMoney(i.monthlySavings.high)}
              </p>
              <p className="text-xs text-tremor-content">per month</p>
            </div>
          </div>
          <p className="mt-3 text-sm text-tremor-content-emphasis" data-testid="insight-assumption">
            {i.assumption}
          </p>
          <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-tremor-content">
            {i.evidence.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-tremor-content">
            {i.features.map((f, k) => {
              const href = dimensionHref(orgSlug, "feature", f);
              return (
                <span key={f || "(none)"}>
                  {k ? ", " : "Feature: "}
                  {href ? (
                    <Link className="text-tremor-brand underline" href={href}>
                      {f || "(none)"}
                    </Link>
                  ) : (
                    f
                  )}
                </span>
              );
            })}
          </p>
        </Card>
      ))}
    </div>
  );
}
