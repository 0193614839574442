"use client";

import { Button, Card } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";
import { FormError } from "@/components/ui/form-error";
import { QueryState } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/format-date";
import { ImportDiffView } from "./import-diff-view";
import { SyncRunsTable } from "./sync-runs-table";

type SyncStatus = ApiResponse<"admin.priceSync.list">;
const KEY = ["admin-price-sync"];
const busy = (s: SyncStatus | undefined) => s?.runs.some((r) => r.status === "queued" || r.status === "running");

/** Operators: the scheduled sync of BURNRATE_PRICE_SYNC_URL, its pending changes to approve or dismiss, and its runs. */
export function PriceSyncPanel() {
  const client = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const q = useQuery({
    queryKey: KEY,
    queryFn: () => apiFetch<SyncStatus>(apiUrl("/api/admin/price-sync")),
    refetchInterval: (query) => (busy(query.state.data) ? 2_000 : false),
  });
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const syncNow = useMutation({
    mutationFn: () => apiFetch(apiUrl("/api/admin/price-sync"), { method: "POST" }),
    onSuccess: refresh,
  });
  const decide = useMutation({
    mutationFn: (v: { runId: string; decision: "apply" | "dismiss" }) =>
      apiFetch(apiUrl("/api/admin/price-sync/decision"), { method: "POST", json: { ...v, confirm } }),
    onSuccess: () => {
      setConfirm(false);
      return refresh();
    },
  });
  const pending = q.data?.runs.find((r) => r.status === "pending");
  const flagged = pending?.diff?.issues.length ?? 0;
  return (
    <Card className="space-y-4" data-testid="price-sync">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="font-medium text-tremor-content-strong">Scheduled sync</h2>
          <p className="text-sm text-tremor-content">
            {q.data?.configured
              ? `Fetches ${q.data.sourceUrl} daily at 04:00 UTC. ${q.data.autoApply ? "Changes no sanity check flags apply automatically; the others wait here." : "Changes wait here for your review."} A sync never removes models.`
              : "Set BURNRATE_PRICE_SYNC_URL (a LiteLLM model map or a Burnrate catalog JSON) to sync prices daily."}
          </p>
        </div>
        <Button
          variant="secondary"
          onClick={() => syncNow.mutate()}
          loading={syncNow.isPending || busy(q.data)}
          disabled={!q.data?.configured}
        >
          Sync now
        </Button>
      </div>
      <QueryState isLoading={q.isLoading} error={q.error} label="price sync" onRetry={() => void q.refetch()} />
      <FormError message={syncNow.error?.message ?? decide.error?.message} />
      {pending?.diff ? (
        <div className="space-y-3" data-testid="pending-sync">
          <p className="text-sm text-tremor-content-strong">
            Pending since {formatDateTime(pending.createdAt)} (
            {pending.trigger === "manual" ? "requested" : "daily sync"}
            ):
          </p>
          <ImportDiffView diff={pending.diff} applied={false} />
          {flagged ? (
            <label className="inline-flex items-center gap-2 text-sm text-amber-900">
              <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> I have checked
              the {flagged} flagged change(s): apply them too
            </label>
          ) : null}
          <div className="flex gap-2">
            <Button
              onClick={() => decide.mutate({ runId: pending.id, decision: "apply" })}
              loading={decide.isPending && decide.variables?.decision === "apply"}
              disabled={flagged > 0 && !confirm}
            >
              Approve and apply
            </Button>
            <Button
              variant="secondary"
              onClick={() => decide.mutate({ runId: pending.id, decision: "dismiss" })}
              loading={decide.isPending && decide.variables?.decision === "dismiss"}
            >
              Dismiss
            </Button>
          </div>
        </div>
      ) : null}
      {q.data?.runs.length ? <SyncRunsTable runs={q.data.runs} /> : null}
    </Card>
  );
}
