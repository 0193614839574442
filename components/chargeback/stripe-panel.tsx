"use client";

import { Card, Text, Title } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { usePeriod, useSettings } from "./use-chargeback";

/** Stripe: connect a restricted key (never shown again), map customers, see their invoice status. */
export function StripePanel({ orgSlug, webhookUrl, period }: { orgSlug: string; webhookUrl: string; period: string }) {
  const qc = useQueryClient();
  const settings = useSettings(orgSlug);
  const stripe = settings.data?.settings.stripe;
  const [secretKey, setKey] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const connect = useMutation({
    mutationFn: () =>
      apiFetch(apiUrl("/api/orgs/{org}/chargeback/stripe", { params: { org: orgSlug } }), {
        method: "PUT",
        json: { secretKey, webhookSecret },
      }),
    onSuccess: () => {
      setKey("");
      setWebhookSecret("");
      return qc.invalidateQueries({ queryKey: ["chargeback-settings"] });
    },
  });
  const customers = useQuery({
    queryKey: ["stripe-customers", orgSlug],
    queryFn: () =>
      apiFetch<ApiResponse<"orgStripe.customers">>(
        apiUrl("/api/orgs/{org}/chargeback/stripe/customers", { params: { org: orgSlug } }),
      ),
    enabled: !!stripe?.connected,
  });
  const view = usePeriod(orgSlug, period).data;
  const mapped = new Map((customers.data?.customers ?? []).map((c) => [c.party, c.stripeCustomerId]));
  const parties = view?.partyDimension === "customer" ? view.statements.map((s) => s) : [];
  const map = useMutation({
    mutationFn: (body: { party: string; create?: true; stripeCustomerId?: string }) =>
      apiFetch(apiUrl("/api/orgs/{org}/chargeback/stripe/customers", { params: { org: orgSlug } }), {
        method: "PUT",
        json: body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["stripe-customers"] }),
  });
  const [ids, setIds] = useState<Record<string, string>>({});
  const input = "rounded-tremor-default border-tremor-border text-sm";
  return (
    <Card className="space-y-4" data-testid="stripe-panel">
      <Title>Stripe billing</Title>
      {stripe?.connected ? (
        <p className="text-sm text-tremor-content" data-testid="stripe-status">
          Connected with {stripe.keyHint}. Customer statements are invoiced in Stripe when their month closes.
        </p>
      ) : (
        <Text>
          Connect a restricted key with write access to customers, invoices and invoice items. It is stored encrypted
          and never shown again.
        </Text>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          connect.mutate();
        }}
      >
        <input
          className={`${input} w-72`}
          type="password"
          autoComplete="off"
          placeholder="rk_live_…"
          value={secretKey}
          onChange={(e) => setKey(e.target.value)}
          aria-label="Stripe restricted key"
        />
        <input
          className={`${input} w-72`}
          type="password"
          autoComplete="off"
          placeholder="whsec_…"
          value={webhookSecret}
          onChange={(e) => setWebhookSecret(e.target.value)}
          aria-label="Stripe webhook signing secret"
        />
        <button type="submit" className="rounded border border-tremor-border px-3 py-1.5 text-sm">
          {stripe?.connected ? "Replace key" : "Connect Stripe"}
        </button>
      </form>
      <FormError message={connect.error instanceof Error ? connect.error.message : null} />
      {stripe?.connected && parties.length > 0 ? (
        <table className="min-w-full text-sm" data-testid="stripe-customers">
          <thead className="text-left text-xs uppercase text-tremor-content">
            <tr>
              <th className="py-1">Customer</th>
              <th className="py-1">Stripe customer</th>
              <th className="py-1">Invoice for {period}</th>
            </tr>
          </thead>
          <tbody>
            {parties.map((s) => (
              <tr key={s.party} className="border-t border-tremor-border">
                <td className="py-1">{s.party}</td>
                <td className="py-1">
                  {mapped.get(s.party) ?? (
                    <span className="flex gap-2">
                      <input
                        className={`${input} w-40`}
                        placeholder="cus_…"
                        value={ids[s.party] ?? ""}
                        onChange={(e) => setIds({ ...ids, [s.party]: e.target.value })}
                        aria-label={`Stripe id of ${s.party}`}
                      />
                      <button
                        type="button"
                        className="text-tremor-brand underline"
                        onClick={() => map.mutate({ party: s.party, stripeCustomerId: ids[s.party] })}
                      >
                        Map
                      </button>
                      <button
                        type="button"
                        className="text-tremor-brand underline"
                        onClick={() => map.mutate({ party: s.party, create: true })}
                      >
                        Create in Stripe
                      </button>
                    </span>
                  )}
                </td>
                <td className="py-1">
                  {s.invoice ? `${s.invoice.status}${s.invoice.heldReason ? ` — ${s.invoice.heldReason}` : ""}` : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <FormError message={map.error instanceof Error ? map.error.message : null} />
      <Text className="text-xs [overflow-wrap:anywhere]">
        Stripe webhook endpoint: <code data-testid="stripe-webhook-url">{webhookUrl}</code> (events invoice.finalized,
        invoice.paid, invoice.payment_failed, invoice.voided).
      </Text>
    </Card>
  );
}
