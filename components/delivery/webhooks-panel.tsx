"use client";

import { Badge, Button, Card } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { eventTypeSchema } from "@/lib/delivery/event-types";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/components/ui/format-date";
import { QueryState } from "@/components/ui/query-state";
import { DeliveryLog } from "./delivery-log";
import { SecretCallout } from "@/components/ui/secret-callout";
import { fieldErrors, formMessage } from "@/components/ui/field-errors";

type Webhook = ApiResponse<"webhooks.list.dashboard">["webhooks"][number];

export function WebhooksPanel({ orgSlug, canManage }: { orgSlug: string; canManage: boolean }) {
  const client = useQueryClient();
  const key = ["webhooks", orgSlug];
  const url = apiUrl("/api/orgs/{org}/webhooks", { params: { org: orgSlug } });
  const list = useQuery({ queryKey: key, queryFn: () => apiFetch<ApiResponse<"webhooks.list.dashboard">>(url) });
  const [secret, setSecret] = useState<string | null>(null);
  // A new key remounts the form with its defaults once an endpoint is created.
  const [formKey, setFormKey] = useState(0);
  const refresh = () => client.invalidateQueries({ queryKey: key });

  const create = useMutation({
    mutationFn: (body: unknown) =>
      apiFetch<ApiResponse<"webhooks.create.dashboard">>(url, { method: "POST", json: body }),
    onSuccess: (data) => {
      setSecret(data.secret);
      setFormKey((k) => k + 1);
      void refresh();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate({ url: String(form.get("url") ?? ""), events: form.getAll("events").map(String) });
  }

  return (
    <div className="space-y-6">
      {secret ? (
        <SecretCallout
          title="Copy this signing secret now: it will not be shown again"
          secret={secret}
          testId="webhook-secret"
          onDismiss={() => setSecret(null)}
        />
      ) : null}
      {canManage ? (
        <Card>
          <h2 className="mb-3 font-medium text-tremor-content-strong">Add an endpoint</h2>
          <form key={formKey} onSubmit={onSubmit} className="space-y-4" noValidate>
            <Field
              label="URL"
              name="url"
              type="url"
              placeholder="https://example.com/burnrate-webhooks"
              required
              error={fieldErrors(create.error).url}
            />
            <fieldset className="text-sm">
              <legend className="mb-1 font-medium text-tremor-content-strong">Events</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {eventTypeSchema.options.map((t) => (
                  <label key={t} className="inline-flex items-center gap-2">
                    <input type="checkbox" name="events" value={t} defaultChecked={t.startsWith("budget.")} />
                    <code className="text-xs">{t}</code>
                  </label>
                ))}
              </div>
              {fieldErrors(create.error).events ? (
                <p className="mt-1 text-xs text-red-600">{fieldErrors(create.error).events}</p>
              ) : null}
            </fieldset>
            <FormError message={formMessage(create.error, ["url", "events"])} />
            <Button type="submit" loading={create.isPending}>
              Add endpoint
            </Button>
          </form>
        </Card>
      ) : null}
      <Card>
        <h2 className="mb-3 font-medium text-tremor-content-strong">Endpoints</h2>
        <QueryState
          isLoading={list.isLoading}
          error={list.error}
          label="webhook endpoints"
          onRetry={() => void list.refetch()}
        />
        {list.data && list.data.webhooks.length === 0 ? (
          <EmptyState title="No webhook endpoints yet">
            Burnrate signs every delivery (Standard Webhooks) and retries for 24 hours.
          </EmptyState>
        ) : null}
        <div className="divide-y divide-tremor-border">
          {list.data?.webhooks.map((w) => (
            <WebhookRow
              key={w.id}
              orgSlug={orgSlug}
              webhook={w}
              canManage={canManage}
              onSecret={setSecret}
              onChanged={refresh}
            />
          ))}
        </div>
      </Card>
    </div>
  );
}

function WebhookRow({
  orgSlug,
  webhook: w,
  canManage,
  onSecret,
  onChanged,
}: {
  orgSlug: string;
  webhook: Webhook;
  canManage: boolean;
  onSecret: (s: string) => void;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const params = { org: orgSlug, webhookId: w.id };
  const rotate = useMutation({
    mutationFn: () =>
      apiFetch<ApiResponse<"webhooks.rotateSecret.dashboard">>(
        apiUrl("/api/orgs/{org}/webhooks/{webhookId}/rotate-secret", { params }),
        { method: "POST" },
      ),
    onSuccess: (data) => {
      onSecret(data.secret);
      onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(apiUrl("/api/orgs/{org}/webhooks/{webhookId}", { params }), { method: "DELETE" }),
    onSuccess: onChanged,
  });
  const replay = useMutation({
    mutationFn: (deliveryId: string) =>
      apiFetch(
        apiUrl("/api/orgs/{org}/webhooks/{webhookId}/deliveries/{deliveryId}/replay", {
          params: { ...params, deliveryId },
        }),
        { method: "POST" },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["webhook-deliveries", w.id] }),
  });

  return (
    <div className="py-4" data-testid="webhook-row">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="break-all font-medium text-tremor-content-strong">{w.url}</p>
          <div className="flex flex-wrap gap-1">
            {w.events.map((e) => (
              <Badge key={e} color="blue" size="xs">
                {e}
              </Badge>
            ))}
            {w.disabled ? (
              <Badge color="rose" size="xs" title={w.disabledReason ?? undefined}>
                disabled {formatDateTime(w.disabledAt)}
              </Badge>
            ) : null}
            {w.failingSince && !w.disabled ? (
              <Badge color="amber" size="xs">
                failing since {formatDateTime(w.failingSince)}
              </Badge>
            ) : null}
          </div>
          {w.previousSecretExpiresAt ? (
            <p className="text-xs text-tremor-content">
              Rotating: the previous secret also signs until {formatDateTime(w.previousSecretExpiresAt)}
            </p>
          ) : null}
          <FormError message={rotate.error?.message ?? remove.error?.message ?? replay.error?.message} />
        </div>
        <div className="flex shrink-0 gap-2">
          <Button size="xs" variant="secondary" onClick={() => setOpen((o) => !o)}>
            {open ? "Hide deliveries" : "Deliveries"}
          </Button>
          {canManage ? (
            <>
              <Button
                size="xs"
                variant="secondary"
                loading={rotate.isPending}
                onClick={() => {
                  if (window.confirm("Rotate the signing secret? The old one keeps signing for 24 hours."))
                    rotate.mutate();
                }}
              >
                Rotate secret
              </Button>
              <Button
                size="xs"
                variant="secondary"
                color="rose"
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(`Delete the endpoint ${w.url} and its delivery log?`)) remove.mutate();
                }}
              >
                Delete
              </Button>
            </>
          ) : null}
        </div>
      </div>
      {open ? (
        <div className="mt-3">
          <DeliveryLog
            queryKey={["webhook-deliveries", w.id]}
            urlFor={(cursor) =>
              apiUrl("/api/orgs/{org}/webhooks/{webhookId}/deliveries", { params, query: { cursor, limit: 10 } })
            }
            onReplay={canManage && !w.disabled ? (id) => replay.mutate(id) : undefined}
            replaying={replay.isPending ? replay.variables : null}
          />
        </div>
      ) : null}
    </div>
  );
}
