"use client";

import { Badge } from "@tremor/react";
import Link from "next/link";
import { money } from "@/components/budgets/budget-format";
import { apiUrl } from "@/lib/client/api-url";
import { ReleaseInvoiceButton } from "./release-invoice-button";
import type { PeriodView } from "./use-chargeback";

const INVOICE_COLOR: Record<string, "emerald" | "amber" | "rose" | "gray" | "blue"> = {
  paid: "emerald",
  open: "blue",
  draft: "gray",
  pending: "gray",
  held: "rose",
  failed: "rose",
  payment_failed: "rose",
  void: "gray",
};

/** One row per party: direct, allocated, markup, adjustments, total; the invoice status of customers. */
export function StatementsTable({
  orgSlug,
  view,
  canManage = false,
}: {
  orgSlug: string;
  view: PeriodView;
  /** Finance: a held invoice can be released for another billing run. */
  canManage?: boolean;
}) {
  const num = "px-3 py-2 text-right tabular-nums";
  return (
    <div className="overflow-x-auto rounded-tremor-default border border-tremor-border bg-white">
      <table className="min-w-full text-sm" data-testid="chargeback-table">
        <thead className="bg-tremor-background-subtle text-left text-xs uppercase text-tremor-content">
          <tr>
            <th className="px-3 py-2">{view.partyDimension === "customer" ? "Customer" : "Team"}</th>
            <th className={num}>Direct</th>
            <th className={num}>Allocated</th>
            <th className={num}>Markup</th>
            <th className={num}>Adjustments</th>
            <th className={num}>Total</th>
            <th className="px-3 py-2">Statement</th>
            <th className="px-3 py-2">Invoice</th>
          </tr>
        </thead>
        <tbody>
          {view.statements.map((s) => (
            <tr key={s.party} className="border-t border-tremor-border" data-testid="chargeback-row">
              <td className="px-3 py-2 font-medium text-tremor-content-strong">{s.party}</td>
              <td className={num}>{money(s.direct)}</td>
              <td className={num}>{money(s.allocated)}</td>
              <td className={num}>{money(s.markup)}</td>
              <td className={num}>{money(s.adjustment)}</td>
              <td className={`${num} font-semibold`}>{money(s.total)}</td>
              <td className="px-3 py-2">
                {s.id ? (
                  <span className="flex gap-2">
                    <Link className="text-tremor-brand underline" href={`/${orgSlug}/chargeback/statements/${s.id}`}>
                      {s.number}
                    </Link>
                    <a
                      className="text-tremor-brand underline"
                      href={apiUrl("/api/orgs/{org}/chargeback/statements/{statementId}/csv", {
                        params: { org: orgSlug, statementId: s.id },
                      })}
                    >
                      CSV
                    </a>
                  </span>
                ) : (
                  <Badge color="amber">preview</Badge>
                )}
              </td>
              <td className="px-3 py-2">
                {s.invoice ? (
                  <>
                    <Badge
                      color={INVOICE_COLOR[s.invoice.status] ?? "gray"}
                      title={s.invoice.heldReason ?? s.invoice.stripeInvoiceId ?? ""}
                    >
                      {s.invoice.status}
                    </Badge>
                    {s.invoice.status === "held" && canManage && s.id ? (
                      <ReleaseInvoiceButton orgSlug={orgSlug} statementId={s.id} />
                    ) : null}
                  </>
                ) : (
                  <span className="text-tremor-content">—</span>
                )}
              </td>
            </tr>
          ))}
          <tr className="border-t-2 border-tremor-border bg-tremor-background-subtle font-semibold">
            <td className="px-3 py-2">Total</td>
            <td className={num}>{money(view.totals.direct)}</td>
            <td className={num}>{money(view.totals.allocated)}</td>
            <td className={num}>{money(view.totals.markup)}</td>
            <td className={num}>{money(view.totals.adjustment)}</td>
            <td className={num} data-testid="chargeback-total">
              {money(view.totals.total)}
            </td>
            <td colSpan={2} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
