"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { apiUrl } from "@/lib/client/api-url";

/** Releases a held invoice for another billing run (finance, after fixing the difference in Stripe). */
export function ReleaseInvoiceButton({ orgSlug, statementId }: { orgSlug: string; statementId: string }) {
  const qc = useQueryClient();
  const release = useMutation({
    mutationFn: () =>
      apiFetch<{ invoice: { status: string } }>(
        apiUrl("/api/orgs/{org}/chargeback/statements/{statementId}/release", {
          params: { org: orgSlug, statementId },
        }),
        { method: "POST" },
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["chargeback"] }),
  });
  return (
    <span className="ml-2 inline-flex items-center gap-2">
      <button
        type="button"
        className="rounded border border-tremor-border px-2 py-0.5 text-xs hover:bg-tremor-background-subtle disabled:opacity-50"
        onClick={() => release.mutate()}
        disabled={release.isPending}
        data-testid="release-invoice"
        title="Fix the difference in Stripe first; the totals are compared again before finalizing"
      >
        {release.isPending ? "Retrying…" : "Release and retry"}
      </button>
      {release.data ? (
        <span className="text-xs text-tremor-content" role="status">
          now {release.data.invoice.status}
        </span>
      ) : null}
      {release.error ? (
        <span className="text-xs text-rose-700" role="alert">
          {release.error.message}
        </span>
      ) : null}
    </span>
  );
}
