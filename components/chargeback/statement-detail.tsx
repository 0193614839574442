"use client";

import Link from "next/link";
import { money } from "@/components/budgets/budget-format";
import { apiUrl } from "@/lib/client/api-url";
import type { ApiResponse } from "@/lib/client/api-types";

type Statement = ApiResponse<"orgChargeback.statement">["statement"];
const n = (v: number | undefined) => (v === undefined ? "" : v.toLocaleString("en-US"));

/** A closed statement, laid out to print (the sidebar and buttons are hidden when printing). */
export function StatementDetail({
  orgSlug,
  orgName,
  statement: s,
}: {
  orgSlug: string;
  orgName: string;
  statement: Statement;
}) {
  const usage = s.lines.filter((l) => l.kind === "usage");
  const other = s.lines.filter((l) => l.kind !== "usage");
  const priceList = usage.some((l) => l.billed !== undefined);
  const num = "px-2 py-1 text-right tabular-nums";
  return (
    <article className="statement mx-auto max-w-4xl space-y-6 bg-white p-6 print:p-0" data-testid="statement">
      <style>
        {"@media print { aside, nav, .no-print { display: none !important } main { padding: 0 !important } }"}
      </style>
      <div className="no-print flex gap-3 text-sm">
        <Link className="text-tremor-brand underline" href={`/${orgSlug}/chargeback`}>
          ← Chargeback
        </Link>
        <a
          className="text-tremor-brand underline"
          href={apiUrl("/api/orgs/{org}/chargeback/statements/{statementId}/csv", {
            params: { org: orgSlug, statementId: s.id! },
          })}
        >
          Download CSV
        </a>
        <button type="button" className="text-tremor-brand underline" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <header className="flex flex-wrap justify-between gap-4 border-b border-tremor-border pb-4">
        <div>
          <h1 className="text-xl font-semibold text-tremor-content-strong">Statement {s.number}</h1>
          <p className="text-sm text-tremor-content">
            {orgName} · {s.partyDimension} <strong>{s.party}</strong> · {s.period}
          </p>
        </div>
        <div className="text-right text-sm text-tremor-content">
          <p>Closed {s.closedAt ? new Date(s.closedAt).toUTCString() : "—"}</p>
          <p>
            {new Date(s.periodStart).toISOString().slice(0, 10)} to {new Date(s.periodEnd).toISOString().slice(0, 10)} (
            {s.currency})
          </p>
          {s.invoice ? <p>Stripe invoice: {s.invoice.status}</p> : null}
        </div>
      </header>
      <section>
        <h2 className="mb-2 text-sm font-semibold uppercase text-tremor-content">Usage by feature and model</h2>
        <table className="min-w-full text-sm" data-testid="statement-usage">
          <thead className="text-left text-xs uppercase text-tremor-content">
            <tr>
              <th className="px-2 py-1">Feature</th>
              <th className="px-2 py-1">Model</th>
              <th className={num}>Requests</th>
              <th className={num}>Input</th>
              <th className={num}>Output</th>
              <th className={num}>Cached</th>
              <th className={num}>Reasoning</th>
              <th className={num}>Cost</th>
              {priceList ? <th className={num}>Billed (price list)</th> : null}
            </tr>
          </thead>
          <tbody>
            {usage.map((l) => (
              <tr key={`${l.feature}/${l.provider}/${l.model}`} className="border-t border-tremor-border">
                <td className="px-2 py-1">{l.feature || "(none)"}</td>
                <td className="px-2 py-1">
                  {l.provider}/{l.model}
                </td>
                <td className={num}>{n(l.requests)}</td>
                <td className={num}>{n(l.inputTokens)}</td>
                <td className={num}>{n(l.outputTokens)}</td>
                <td className={num}>{n((l.cachedInputTokens ?? 0) + (l.cacheWriteTokens ?? 0))}</td>
                <td className={num}>{n(l.reasoningTokens)}</td>
                <td className={num}>{money(l.cost)}</td>
                {priceList ? <td className={num}>{l.billed === undefined ? "at cost" : money(l.billed)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {other.length ? (
        <section>
          <h2 className="mb-2 text-sm font-semibold uppercase text-tremor-content">
            Allocations, markup and adjustments
          </h2>
          <table className="min-w-full text-sm">
            <tbody>
              {other.map((l) => (
                <tr
                  key={`${l.kind}/${l.source ?? l.sourcePeriod ?? ""}`}
                  className="border-t border-tremor-border"
                  data-testid={`statement-line-${l.kind}`}
                >
                  <td className="px-2 py-1">{l.description}</td>
                  <td className={num}>{money(l.cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="ml-auto max-w-xs text-sm" data-testid="statement-totals">
        {(
          [
            ["Direct", s.direct],
            ["Allocated", s.allocated],
            ["Markup", s.markup],
            ["Adjustments", s.adjustment],
          ] as const
        ).map(([label, v]) => (
          <p key={label} className="flex justify-between">
            <span>{label}</span>
            <span className="tabular-nums">{money(v)}</span>
          </p>
        ))}
        <p className="mt-2 flex justify-between border-t border-tremor-border pt-2 text-base font-semibold">
          <span>Total</span>
          <span className="tabular-nums" data-testid="statement-total">
            {money(s.total)}
          </span>
        </p>
      </section>
    </article>
  );
}
