"use client";

import { Card, Title } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { money } from "@/components/budgets/budget-format";
import { apiFetch, ClientApiError } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { fromPriceLines, toPriceLines } from "./price-list-lines";
import { StatementsTable } from "./statements-table";
import { type PeriodView, type Settings, useSettings } from "./use-chargeback";

const METHODS = [
  ["proportional", "In proportion to direct spend"],
  ["even", "Evenly"],
  ["fixed", "Fixed percentages"],
  ["requests", "By requests"],
  ["tokens", "By tokens"],
] as const;
type Method = (typeof METHODS)[number][0];

/** "search = 40" lines <-> { search: "40" }. */
const toLines = (r: Record<string, string> | undefined) =>
  Object.entries(r ?? {})
    .map(([k, v]) => `${k} = ${v}`)
    .join("\n");
const fromLines = (s: string) =>
  Object.fromEntries(
    s
      .split("\n")
      .map((l) => l.split("="))
      .filter((p) => p.length === 2 && p[0]!.trim())
      .map(([k, v]) => [k!.trim(), v!.trim()]),
  );

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Allocation rules, markups, grace days and fixed costs, with a live preview of the month. */
export function RulesEditor({ orgSlug, period }: { orgSlug: string; period: string }) {
  const settings = useSettings(orgSlug);
  return settings.data ? <Editor orgSlug={orgSlug} period={period} saved={settings.data.settings} /> : null;
}

function Editor({ orgSlug, period, saved }: { orgSlug: string; period: string; saved: Settings }) {
  const qc = useQueryClient();
  const [partyDimension, setPartyDimension] = useState(saved.partyDimension);
  const [method, setMethod] = useState<Method>(saved.rule.method);
  const [percents, setPercents] = useState(toLines(saved.rule.percents));
  const [markups, setMarkups] = useState(toLines(saved.markups));
  const [priceLines, setPriceLines] = useState(toPriceLines(saved.priceLists));
  const [graceDays, setGraceDays] = useState(String(saved.graceDays));
  const priced = fromPriceLines(priceLines);
  const draft = {
    partyDimension,
    rule: method === "fixed" ? { method, percents: fromLines(percents) } : { method },
    markups: fromLines(markups),
    priceLists: priced.lists,
  };
  const debounced = useDebounced(JSON.stringify(draft), 300);
  const preview = useQuery({
    queryKey: ["chargeback-preview", orgSlug, period, debounced],
    queryFn: () =>
      apiFetch<PeriodView>(apiUrl("/api/orgs/{org}/chargeback/preview", { params: { org: orgSlug } }), {
        method: "POST",
        json: { period, ...JSON.parse(debounced) },
      }),
    retry: false,
  });
  const save = useMutation({
    mutationFn: () =>
      apiFetch(apiUrl("/api/orgs/{org}/chargeback/settings", { params: { org: orgSlug } }), {
        method: "PATCH",
        json: { ...draft, graceDays: Number(graceDays) },
      }),
    onSuccess: () =>
      qc
        .invalidateQueries({ queryKey: ["chargeback"] })
        .then(() => qc.invalidateQueries({ queryKey: ["chargeback-settings"] })),
  });
  const issues =
    [
      ...priced.errors,
      ...(preview.error instanceof ClientApiError ? preview.error.issues.map((i) => `${i.path}: ${i.message}`) : []),
    ].join("; ") || null;
  const label = "block text-sm font-medium text-tremor-content-strong";
  const input = "mt-1 block w-full rounded-tremor-default border-tremor-border text-sm";
  return (
    <Card className="space-y-4" data-testid="rules-editor">
      <Title>Allocation rules</Title>
      <p className="text-sm text-tremor-content">
        Shared costs (usage without a {partyDimension} and the fixed costs below) are split by this rule. Shares add up
        exactly: each party gets its share rounded down to the pico-dollar, and the units left go to the largest
        remainders, ties in alphabetical order of the party.
      </p>
      <div className="grid gap-4 md:grid-cols-4">
        <label className={label}>
          Charge back to
          <select
            className={input}
            value={partyDimension}
            onChange={(e) => setPartyDimension(e.target.value as typeof partyDimension)}
            name="partyDimension"
          >
            <option value="team">Teams</option>
            <option value="customer">Customers</option>
          </select>
        </label>
        <label className={label}>
          Split shared costs
          <select className={input} value={method} onChange={(e) => setMethod(e.target.value as Method)} name="method">
            {METHODS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          Grace days after month end
          <input
            className={input}
            type="number"
            min={0}
            max={31}
            value={graceDays}
            onChange={(e) => setGraceDays(e.target.value)}
            name="graceDays"
          />
        </label>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {method === "fixed" ? (
          <label className={label}>
            Percent per party (one per line, adding up to 100)
            <textarea
              className={input}
              rows={4}
              value={percents}
              onChange={(e) => setPercents(e.target.value)}
              name="percents"
              placeholder={"search = 60\ngrowth = 40"}
            />
          </label>
        ) : null}
        <label className={label}>
          Markup percent per party (one per line)
          <textarea
            className={input}
            rows={4}
            value={markups}
            onChange={(e) => setMarkups(e.target.value)}
            name="markups"
            placeholder="acme = 15"
          />
        </label>
        <label className={`${label} md:col-span-2`}>
          Price list per party, USD per 1M tokens (one line per party and model; other models at cost)
          <textarea
            className={`${input} font-mono`}
            rows={3}
            value={priceLines}
            onChange={(e) => setPriceLines(e.target.value)}
            name="priceLists"
            placeholder="acme | openai/gpt-4o | input=3 output=12 cachedInput=1.5"
          />
          <span className="mt-1 block text-xs font-normal text-tremor-content">
            The party&apos;s usage of a listed model is billed at these prices instead of cost (exact, no rounding); the
            difference shows as a price-list line in its markup, and a markup percent then applies on top. Missing
            cachedInput or cacheWrite prices are the input price, a missing reasoning price the output price.
          </span>
        </label>
      </div>
      <FixedCosts orgSlug={orgSlug} period={period} />
      <FormError message={issues} />
      <FormError message={save.error instanceof Error ? save.error.message : null} />
      <div className="flex items-center gap-3">
        <button
          type="button"
          className="rounded-tremor-default bg-tremor-brand px-4 py-2 text-sm font-medium text-white hover:bg-tremor-brand-emphasis disabled:opacity-50"
          disabled={save.isPending || !!issues}
          onClick={() => save.mutate()}
        >
          Save rules
        </button>
        {save.isSuccess ? <span className="text-sm text-emerald-700">Saved</span> : null}
      </div>
      <div data-testid="rules-preview" className="space-y-2">
        <p className="text-sm font-medium text-tremor-content-strong">Preview of {period} with these rules</p>
        {preview.data ? <StatementsTable orgSlug={orgSlug} view={preview.data} /> : null}
      </div>
    </Card>
  );
}

function FixedCosts({ orgSlug, period }: { orgSlug: string; period: string }) {
  const qc = useQueryClient();
  const url = apiUrl("/api/orgs/{org}/chargeback/fixed-costs", { params: { org: orgSlug } });
  const list = useQuery({
    queryKey: ["chargeback-fixed", orgSlug, period],
    queryFn: () => apiFetch<ApiResponse<"orgChargeback.fixedCosts">>(`${url}?period=${period}`),
  });
  const [name, setName] = useState("");
  const [amount, setAmount] = useState("");
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ["chargeback-fixed"] }),
      qc.invalidateQueries({ queryKey: ["chargeback"] }),
      qc.invalidateQueries({ queryKey: ["chargeback-preview"] }),
    ]);
  const add = useMutation({
    mutationFn: () => apiFetch(url, { method: "POST", json: { period, name, amount } }),
    onSuccess: () => {
      setName("");
      setAmount("");
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      apiFetch(apiUrl("/api/orgs/{org}/chargeback/fixed-costs/{costId}", { params: { org: orgSlug, costId: id } }), {
        method: "DELETE",
      }),
    onSuccess: refresh,
  });
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-tremor-content-strong">Fixed costs of {period}</p>
      <ul className="text-sm" data-testid="fixed-costs">
        {(list.data?.fixedCosts ?? []).map((f) => (
          <li key={f.id} className="flex items-center gap-3">
            <span>{f.name}</span>
            <span className="tabular-nums">{money(f.amount)}</span>
            <button type="button" className="text-xs text-red-700 underline" onClick={() => remove.mutate(f.id)}>
              remove
            </button>
          </li>
        ))}
      </ul>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <input
          className="rounded border-tremor-border text-sm"
          placeholder="GPU cluster"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label="Fixed cost name"
        />
        <input
          className="w-32 rounded border-tremor-border text-sm"
          placeholder="1500.00"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-label="Fixed cost amount (USD)"
        />
        <button type="submit" className="rounded border border-tremor-border px-3 py-1.5 text-sm">
          Add fixed cost
        </button>
      </form>
      <FormError message={add.error instanceof Error ? add.error.message : null} />
    </div>
  );
}
