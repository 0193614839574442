"use client";

import { Button, Text } from "@tremor/react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { DIMENSIONS, type ScopeRow } from "./budget-form-state";
import { DIMENSION_LABELS } from "./budget-format";

type Suggestion = { value: string; label?: string };

/** Rollup dimensions: values seen in the last 30 days of spend. */
function useSpendValues(orgSlug: string, dimension: string, enabled: boolean) {
  return useQuery({
    queryKey: ["dimension-values", orgSlug, dimension],
    enabled,
    queryFn: () =>
      apiFetch<ApiResponse<"spend.dashboard">>(
        apiUrl("/api/orgs/{org}/spend", {
          params: { org: orgSlug },
          query: { groupBy: dimension, granularity: "day" },
        }),
      ),
    select: (d): Suggestion[] =>
      d.series
        .map((s) => (s.key as Record<string, string | undefined>)[dimension] ?? "")
        .filter(Boolean)
        .map((value) => ({ value })),
  });
}

/** API keys by id with their names; members who may not manage keys get no list (and type the id). */
function useApiKeyValues(orgSlug: string, enabled: boolean) {
  return useQuery({
    queryKey: ["api-keys", orgSlug],
    enabled,
    retry: false,
    queryFn: () =>
      apiFetch<ApiResponse<"apiKeys.list">>(apiUrl("/api/orgs/{org}/api-keys", { params: { org: orgSlug } })),
    select: (d): Suggestion[] =>
      d.apiKeys.filter((k) => !k.revokedAt).map((k) => ({ value: k.id, label: `${k.name} (${k.prefix}…)` })),
  });
}

function useSuggestions(orgSlug: string, dimension: ScopeRow["dimension"]): Suggestion[] {
  // End users are too many to list: the value is typed (as the events carry it).
  const spend = useSpendValues(orgSlug, dimension, dimension !== "apiKey" && dimension !== "endUser");
  const keys = useApiKeyValues(orgSlug, dimension === "apiKey");
  return (dimension === "apiKey" ? keys.data : spend.data) ?? [];
}

function ValueInput(props: {
  orgSlug: string;
  dimension: ScopeRow["dimension"];
  value: string;
  onChange: (v: string) => void;
  id: string;
}) {
  const values = useSuggestions(props.orgSlug, props.dimension);
  return (
    <>
      <input
        id={props.id}
        aria-label={`${props.dimension} value`}
        list={`${props.id}-values`}
        value={props.value}
        placeholder={props.dimension === "apiKey" ? "API key id" : props.dimension === "endUser" ? "end user id" : ""}
        onChange={(e) => props.onChange(e.target.value)}
        className="block w-full min-w-0 rounded-tremor-default border-tremor-border text-sm shadow-tremor-input"
      />
      <datalist id={`${props.id}-values`}>
        {values.map((v) => (
          <option key={v.value} value={v.value} label={v.label} />
        ))}
      </datalist>
    </>
  );
}

/** The scope builder: one row per dimension, a value or "each value" (*), suggestions from spend. */
export function BudgetScopeFieldset({
  orgSlug,
  scope,
  onChange,
  error,
}: {
  orgSlug: string;
  scope: ScopeRow[];
  onChange: (scope: ScopeRow[]) => void;
  error: (path: string) => string | undefined;
}) {
  const used = new Set(scope.map((r) => r.dimension));
  const update = (i: number, patch: Partial<ScopeRow>) =>
    onChange(scope.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Scope</legend>
      <Text>
        No rows: the whole organisation. &ldquo;Each value&rdquo; gives every value its own budget (at most one
        dimension).
      </Text>
      {scope.map((r, i) => (
        <div
          key={r.dimension}
          className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] items-center gap-2 sm:grid-cols-[8rem_minmax(0,1fr)_auto_auto]"
          data-testid="scope-row"
        >
          <span className="text-sm">{DIMENSION_LABELS[r.dimension]}</span>
          {r.each ? (
            <span className="text-sm text-tremor-content">each value (*)</span>
          ) : (
            <ValueInput
              orgSlug={orgSlug}
              id={`scope-${r.dimension}`}
              dimension={r.dimension}
              value={r.value}
              onChange={(value) => update(i, { value })}
            />
          )}
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={r.each} onChange={(e) => update(i, { each: e.target.checked })} />
            each value
          </label>
          <Button type="button" size="xs" variant="light" onClick={() => onChange(scope.filter((_, j) => j !== i))}>
            Remove
          </Button>
          {error(`scope.${r.dimension}`) ? (
            <p className="col-span-full text-xs text-red-600">{error(`scope.${r.dimension}`)}</p>
          ) : null}
        </div>
      ))}
      {used.size < DIMENSIONS.length ? (
        <select
          aria-label="Add a dimension"
          className="block w-full min-w-0 rounded-tremor-default border-tremor-border text-sm shadow-tremor-input sm:w-56"
          value=""
          onChange={(e) =>
            e.target.value &&
            onChange([...scope, { dimension: e.target.value as ScopeRow["dimension"], value: "", each: false }])
          }
        >
          <option value="">+ Add a dimension…</option>
          {DIMENSIONS.filter((d) => !used.has(d)).map((d) => (
            <option key={d} value={d}>
              {DIMENSION_LABELS[d]}
            </option>
          ))}
        </select>
      ) : null}
      {error("scope") && !scope.some((r) => error(`scope.${r.dimension}`)) ? (
        <p className="text-xs text-red-600">{error("scope")}</p>
      ) : null}
    </fieldset>
  );
}
