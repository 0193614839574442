"use client";

import { Button, Card, Text, TextInput } from "@tremor/react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, ClientApiError } from "@/lib/client/api-fetch";
import { formSummary, issueSentence } from "@/lib/client/issue-sentence";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { FormError } from "@/components/ui/form-error";
import { type FormState, initialState, PERIODS, toBody } from "./budget-form-state";
import { BudgetOwnerSelect } from "./budget-owner-select";
import { BudgetScopeFieldset } from "./budget-scope-fieldset";
import { BudgetPreview } from "./budget-preview";
import { type Budget, budgetsKey } from "./use-budget-status";

type Channel = { id: string; name: string; kind: string };

/** Create or edit a budget: scope builder, thresholds editor, channels, with a live preview. */
export function BudgetForm({ orgSlug, channels, budget }: { orgSlug: string; channels: Channel[]; budget?: Budget }) {
  const [f, setF] = useState<FormState>(() => initialState(budget));
  const set = (patch: Partial<FormState>) => setF((x) => ({ ...x, ...patch }));
  const router = useRouter();
  const qc = useQueryClient();
  const body = toBody(f);
  const save = useMutation({
    mutationFn: () =>
      budget
        ? apiFetch<ApiResponse<"orgBudgets.update">>(
            apiUrl("/api/orgs/{org}/budgets/{budgetId}", { params: { org: orgSlug, budgetId: budget.id } }),
            { method: "PATCH", json: body },
          )
        : apiFetch<ApiResponse<"orgBudgets.create">>(apiUrl("/api/orgs/{org}/budgets", { params: { org: orgSlug } }), {
            method: "POST",
            json: body,
          }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: budgetsKey(orgSlug) });
      router.push(`/${orgSlug}/budgets/${r.budget.id}`);
    },
  });
  const issues = save.error instanceof ClientApiError ? save.error.issues : [];
  // The fields at fault, by their top-level name ("thresholds" for thresholds[0].percent).
  const fieldsAtFault = [...new Set(issues.map((i) => i.path.split(/[.[]/)[0]!))];
  const err = (path: string) => {
    const message = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
    return message ? issueSentence(message) : undefined;
  };
  const input = "block w-full min-w-0 rounded-tremor-default border-tremor-border text-sm shadow-tremor-input";

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Card>
        <form
          className="space-y-5"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <FormError
            message={save.error ? formSummary(save.error.message, fieldsAtFault.length, fieldsAtFault) : null}
          />
          <div className="space-y-1">
            <label htmlFor="budget-name" className="text-sm font-medium">
              Name
            </label>
            <TextInput
              id="budget-name"
              value={f.name}
              onValueChange={(v) => set({ name: v })}
              error={!!err("name")}
              errorMessage={err("name")}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-1">
              <label htmlFor="budget-amount" className="text-sm font-medium">
                Amount (USD per period)
              </label>
              <TextInput
                id="budget-amount"
                inputMode="decimal"
                placeholder="500.00"
                value={f.amount}
                onValueChange={(v) => set({ amount: v })}
                error={!!err("amount")}
                errorMessage={err("amount")}
              />
            </div>
            <div className="space-y-1">
              <label htmlFor="budget-period" className="text-sm font-medium">
                Period
              </label>
              <select
                id="budget-period"
                className={input}
                value={f.period}
                onChange={(e) => set({ period: e.target.value as FormState["period"] })}
              >
                {PERIODS.map((p) => (
                  <option key={p} value={p}>
                    {p === "custom" ? "month from a start day" : p}
                  </option>
                ))}
              </select>
            </div>
            {f.period === "custom" ? (
              <div className="space-y-1">
                <label htmlFor="budget-start-day" className="text-sm font-medium">
                  Start day (1-28)
                </label>
                <TextInput
                  id="budget-start-day"
                  value={f.startDay}
                  onValueChange={(v) => set({ startDay: v })}
                  error={!!err("startDay")}
                  errorMessage={err("startDay")}
                />
              </div>
            ) : null}
          </div>

          <BudgetScopeFieldset orgSlug={orgSlug} scope={f.scope} onChange={(scope) => set({ scope })} error={err} />
          <BudgetOwnerSelect
            orgSlug={orgSlug}
            value={f.ownerUserId}
            onChange={(ownerUserId) => set({ ownerUserId })}
            error={err("ownerUserId")}
          />

          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Thresholds</legend>
            {f.thresholds.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              <div key={i} className="flex flex-wrap items-center gap-2" data-testid="threshold-row">
                <select
                  aria-label={`Threshold ${i + 1} kind`}
                  className="w-32 rounded-tremor-default border-tremor-border text-sm shadow-tremor-input"
                  value={t.kind}
                  onChange={(e) =>
                    set({
                      thresholds: f.thresholds.map((x, j) =>
                        j === i ? { ...x, kind: e.target.value as "percent" | "amount" } : x,
                      ),
                    })
                  }
                >
                  <option value="percent">percent</option>
                  <option value="amount">amount</option>
                </select>
                <input
                  aria-label={`Threshold ${i + 1} value`}
                  inputMode="decimal"
                  className="w-28 rounded-tremor-default border-tremor-border text-sm shadow-tremor-input"
                  value={t.value}
                  onChange={(e) =>
                    set({ thresholds: f.thresholds.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })
                  }
                />
                <span className="text-sm">{t.kind === "percent" ? "%" : "USD"}</span>
                <Button
                  type="button"
                  size="xs"
                  variant="light"
                  onClick={() => set({ thresholds: f.thresholds.filter((_, j) => j !== i) })}
                >
                  Remove
                </Button>
                {err(`thresholds[${i}]`) ? (
                  <p className="w-full text-xs text-red-600">{err(`thresholds[${i}]`)}</p>
                ) : null}
              </div>
            ))}
            <Button
              type="button"
              size="xs"
              variant="secondary"
              onClick={() => set({ thresholds: [...f.thresholds, { kind: "percent", value: "" }] })}
            >
              Add a threshold
            </Button>
          </fieldset>

          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Alerts</legend>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={f.forecastAlert}
                onChange={(e) => set({ forecastAlert: e.target.checked })}
              />
              Alert when the forecast exceeds the amount
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={f.hardCap} onChange={(e) => set({ hardCap: e.target.checked })} />
              Hard cap (block spend beyond the amount)
            </label>
            {channels.length === 0 ? (
              <Text>No channels yet: add Slack or email channels in the organisation settings.</Text>
            ) : null}
            {channels.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={f.channelIds.includes(c.id)}
                  onChange={(e) =>
                    set({
                      channelIds: e.target.checked ? [...f.channelIds, c.id] : f.channelIds.filter((x) => x !== c.id),
                    })
                  }
                />
                {c.name} <span className="text-tremor-content">({c.kind})</span>
              </label>
            ))}
            {err("channelIds") ? <p className="text-xs text-red-600">{err("channelIds")}</p> : null}
          </fieldset>
          <Button type="submit" loading={save.isPending}>
            {budget ? "Save changes" : "Create budget"}
          </Button>
        </form>
      </Card>
      <BudgetPreview orgSlug={orgSlug} body={body} />
    </div>
  );
}
