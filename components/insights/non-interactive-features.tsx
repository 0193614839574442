"use client";

import { Button, Card, Text, Title } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { FormError } from "@/components/ui/form-error";
import { QueryState } from "@/components/ui/query-state";
import { useSpend } from "@/components/spend/use-spend";

type Settings = ApiResponse<"orgInsights.settings">;

/**
 * The features the organisation marks as not interactive (batch and background work that can wait): the
 * batch and flex tier insight considers them whatever their latency. Finance leads and up change the list.
 */
export function NonInteractiveFeatures({ orgSlug, canEdit }: { orgSlug: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const url = apiUrl("/api/orgs/{org}/insight-settings", { params: { org: orgSlug } });
  const q = useQuery({ queryKey: ["insight-settings", orgSlug], queryFn: () => apiFetch<Settings>(url) });
  const [draft, setDraft] = useState("");
  // Feature names of the last 30 days, offered as suggestions.
  const [now] = useState(() => Date.now());
  const known = useSpend(
    orgSlug,
    {
      from: new Date(now - 30 * 86_400_000).toISOString(),
      to: new Date(now).toISOString(),
      granularity: "month",
      groupBy: ["feature"],
    },
    canEdit,
  );
  const save = useMutation({
    mutationFn: (nonInteractiveFeatures: string[]) =>
      apiFetch<ApiResponse<"orgInsights.updateSettings">>(url, { method: "PUT", json: { nonInteractiveFeatures } }),
    onSuccess: (data) => {
      qc.setQueryData(["insight-settings", orgSlug], data);
      setDraft("");
      void qc.invalidateQueries({ queryKey: ["insights", orgSlug] });
    },
  });
  const features = q.data?.nonInteractiveFeatures ?? [];
  const suggestions = (known.data?.series ?? [])
    .map((s) => s.key.feature)
    .filter((f): f is string => !!f && !features.includes(f));
  return (
    <Card className="space-y-3" data-testid="non-interactive-features">
      <Title>Features that can wait</Title>
      <Text>
        Batch and background work nobody waits for: the batch or flex tier insight considers these features whatever
        their latency (events tagged <code>interactive: &quot;false&quot;</code> count too).
      </Text>
      <QueryState
        isLoading={q.isLoading}
        error={q.error}
        label="the features that can wait"
        onRetry={() => void q.refetch()}
      />
      {q.data ? (
        features.length ? (
          <ul className="flex flex-wrap gap-2" aria-label="Features marked as not interactive">
            {features.map((f) => (
              <li
                key={f}
                className="flex items-center gap-1 rounded-tremor-full border border-tremor-border px-2 py-0.5 text-sm"
                data-testid="non-interactive-feature"
              >
                <span className="break-all">{f}</span>
                {canEdit ? (
                  <button
                    type="button"
                    className="px-1 text-tremor-content hover:text-rose-600"
                    aria-label={`Remove ${f}`}
                    disabled={save.isPending}
                    onClick={() => save.mutate(features.filter((x) => x !== f))}
                  >
                    ×
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <Text>No feature is marked.</Text>
        )
      ) : null}
      {canEdit && q.data ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) save.mutate([...features, draft.trim()]);
          }}
        >
          <label className="space-y-1 text-sm">
            <span className="block font-medium">Feature</span>
            <input
              type="text"
              list="non-interactive-suggestions"
              className="block w-64 max-w-full rounded-tremor-default text-sm"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="nightly-report"
            />
          </label>
          <datalist id="non-interactive-suggestions">
            {suggestions.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          <Button type="submit" loading={save.isPending} disabled={!draft.trim()}>
            Mark as not interactive
          </Button>
        </form>
      ) : null}
      {!canEdit ? <Text>Finance leads, admins and owners can change the list.</Text> : null}
      <FormError message={save.error?.message} />
    </Card>
  );
}
