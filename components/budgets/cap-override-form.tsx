"use client";

import { Button } from "@tremor/react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";

/** "Allow this scope another $X until the period ends" (FINANCE and above; audited). */
export function CapOverrideForm({
  orgSlug,
  budgetId,
  scopeValue,
  onDone,
}: {
  orgSlug: string;
  budgetId: string;
  scopeValue: string | null;
  onDone: () => void;
}) {
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      apiFetch<ApiResponse<"orgBudgets.override">>(
        apiUrl("/api/orgs/{org}/budgets/{budgetId}/overrides", { params: { org: orgSlug, budgetId } }),
        { method: "POST", json: { amount, reason, ...(scopeValue ? { scopeValue } : {}) } },
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ["caps", orgSlug] });
      await qc.invalidateQueries({ queryKey: ["cap-overrides", orgSlug, budgetId] });
      onDone();
    },
  });
  const id = `override-${budgetId}-${scopeValue ?? ""}`;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label="Override the cap"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="w-32">
        <Field
          label="Allow another (USD)"
          id={`${id}-amount`}
          name="amount"
          inputMode="decimal"
          placeholder="100.00"
          value={amount}
          required
          onChange={(e) => setAmount(e.target.value)}
        />
      </div>
      <div className="w-56 max-w-full">
        <Field
          label="Reason"
          id={`${id}-reason`}
          name="reason"
          placeholder="launch week"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <Button size="xs" type="submit" loading={save.isPending}>
        Allow until period end
      </Button>
      <Button size="xs" variant="secondary" type="button" onClick={onDone} disabled={save.isPending}>
        Cancel
      </Button>
      <div className="w-full">
        <FormError message={save.error?.message} />
      </div>
    </form>
  );
}
