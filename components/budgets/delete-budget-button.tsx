"use client";

import { Button } from "@tremor/react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { apiUrl } from "@/lib/client/api-url";
import { FormError } from "@/components/ui/form-error";
import { budgetsKey } from "./use-budget-status";

/** Deletes a budget after a second, explicit click; its alerts and history go with it. */
export function DeleteBudgetButton({ orgSlug, budgetId, name }: { orgSlug: string; budgetId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const router = useRouter();
  const qc = useQueryClient();
  const del = useMutation({
    mutationFn: () =>
      apiFetch(apiUrl("/api/orgs/{org}/budgets/{budgetId}", { params: { org: orgSlug, budgetId } }), {
        method: "DELETE",
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: budgetsKey(orgSlug) });
      router.push(`/${orgSlug}/budgets`);
    },
  });
  if (!confirming)
    return (
      <Button size="xs" variant="light" color="red" onClick={() => setConfirming(true)}>
        Delete
      </Button>
    );
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="alertdialog" aria-label="Delete this budget?">
      <span>Delete &ldquo;{name}&rdquo; with its alerts and history?</span>
      <Button size="xs" color="red" loading={del.isPending} onClick={() => del.mutate()}>
        Delete budget
      </Button>
      <Button size="xs" variant="secondary" disabled={del.isPending} onClick={() => setConfirming(false)}>
        Cancel
      </Button>
      <FormError message={del.error?.message} />
    </div>
  );
}
