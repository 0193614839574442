"use client";

import { Badge, Button, Card } from "@tremor/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import type { ApiResponse } from "@/lib/client/api-types";
import { apiUrl } from "@/lib/client/api-url";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { fieldErrors, formMessage } from "@/components/ui/field-errors";
import { QueryState } from "@/components/ui/query-state";
import { DeliveryLog } from "./delivery-log";

type Channel = ApiResponse<"channels.list.dashboard">["channels"][number];

export function ChannelsPanel({ orgSlug, canManage }: { orgSlug: string; canManage: boolean }) {
  const client = useQueryClient();
  const key = ["channels", orgSlug];
  const url = apiUrl("/api/orgs/{org}/channels", { params: { org: orgSlug } });
  const list = useQuery({ queryKey: key, queryFn: () => apiFetch<ApiResponse<"channels.list.dashboard">>(url) });
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const [kind, setKind] = useState<"slack" | "email">("slack");

  // A new key remounts the form with its defaults once a channel is created.
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch(url, { method: "POST", json: body }),
    onSuccess: () => {
      setFormKey((k) => k + 1);
      void refresh();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const common = { kind, name: String(form.get("name") ?? ""), mode: String(form.get("mode") ?? "immediate") };
    create.mutate(
      kind === "slack"
        ? { ...common, slackWebhookUrl: String(form.get("slackWebhookUrl") ?? "") }
        : {
            ...common,
            recipients: String(form.get("recipients") ?? "")
              .split(/[\s,;]+/)
              .filter(Boolean),
          },
    );
  }

  const errors = fieldErrors(create.error);
  const recipientsError =
    errors.recipients ?? Object.entries(errors).find(([path]) => path.startsWith("recipients["))?.[1];

  return (
    <div className="space-y-6">
      {canManage ? (
        <Card>
          <h2 className="mb-3 font-medium text-tremor-content-strong">Add a channel</h2>
          <form key={formKey} onSubmit={onSubmit} className="grid gap-4 md:grid-cols-2" noValidate>
            <fieldset className="text-sm md:col-span-2">
              <legend className="mb-1 font-medium text-tremor-content-strong">Kind</legend>
              <label className="mr-4 inline-flex items-center gap-2">
                <input type="radio" name="kind" checked={kind === "slack"} onChange={() => setKind("slack")} /> Slack
              </label>
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="kind" checked={kind === "email"} onChange={() => setKind("email")} /> Email
              </label>
            </fieldset>
            <Field label="Name" name="name" placeholder="#finops alerts" required error={errors.name} />
            {kind === "slack" ? (
              <Field
                label="Slack incoming-webhook URL"
                name="slackWebhookUrl"
                type="url"
                placeholder="https://hooks.slack.com/services/…"
                required
                error={errors.slackWebhookUrl}
              />
            ) : (
              <Field
                label="Recipients (comma-separated)"
                name="recipients"
                placeholder="finance@example.com, oncall@example.com"
                required
                error={recipientsError}
              />
            )}
            <fieldset className="text-sm md:col-span-2">
              <legend className="mb-1 font-medium text-tremor-content-strong">Delivery</legend>
              <label className="mr-4 inline-flex items-center gap-2">
                <input type="radio" name="mode" value="immediate" defaultChecked /> Immediately
              </label>
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="mode" value="digest" /> Daily digest
              </label>
            </fieldset>
            <div className="md:col-span-2">
              <FormError
                message={
                  recipientsError
                    ? "Check the highlighted field."
                    : formMessage(create.error, ["name", "slackWebhookUrl", "recipients"])
                }
              />
              <Button type="submit" loading={create.isPending} className="mt-2">
                Add channel
              </Button>
            </div>
          </form>
        </Card>
      ) : null}
      <Card>
        <h2 className="mb-3 font-medium text-tremor-content-strong">Channels</h2>
        <QueryState
          isLoading={list.isLoading}
          error={list.error}
          label="channels"
          onRetry={() => void list.refetch()}
        />
        {list.data && list.data.channels.length === 0 ? (
          <EmptyState title="No channels yet">Add a Slack or email channel, then pick it on a budget.</EmptyState>
        ) : null}
        <div className="divide-y divide-tremor-border">
          {list.data?.channels.map((c) => (
            <ChannelRow key={c.id} orgSlug={orgSlug} channel={c} canManage={canManage} onChanged={refresh} />
          ))}
        </div>
      </Card>
    </div>
  );
}

function ChannelRow({
  orgSlug,
  channel: c,
  canManage,
  onChanged,
}: {
  orgSlug: string;
  channel: Channel;
  canManage: boolean;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const params = { org: orgSlug, channelId: c.id };
  const test = useMutation({
    mutationFn: () =>
      apiFetch<ApiResponse<"channels.test.dashboard">>(
        apiUrl("/api/orgs/{org}/channels/{channelId}/test", { params }),
        {
          method: "POST",
        },
      ),
    onSuccess: () => {
      setOpen(true);
      void client.invalidateQueries({ queryKey: ["channel-deliveries", c.id] });
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(apiUrl("/api/orgs/{org}/channels/{channelId}", { params }), { method: "DELETE" }),
    onSuccess: onChanged,
  });

  return (
    <div className="py-4" data-testid="channel-row">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="font-medium text-tremor-content-strong">{c.name}</p>
          <div className="flex flex-wrap items-center gap-1 text-xs text-tremor-content">
            <Badge size="xs" color={c.kind === "slack" ? "violet" : "blue"}>
              {c.kind}
            </Badge>
            <Badge size="xs" color="gray">
              {c.mode === "digest" ? "daily digest" : "immediate"}
            </Badge>
            <span className="break-all">{c.kind === "slack" ? c.slackHost : c.emailRecipients.join(", ")}</span>
          </div>
          {test.isSuccess ? (
            <p className="text-xs text-emerald-700" data-testid="test-queued">
              Test queued: its result appears in the delivery log below.
            </p>
          ) : null}
          <FormError message={test.error?.message ?? remove.error?.message} />
        </div>
        <div className="flex shrink-0 gap-2">
          <Button size="xs" variant="secondary" onClick={() => setOpen((o) => !o)}>
            {open ? "Hide deliveries" : "Deliveries"}
          </Button>
          {canManage ? (
            <>
              <Button size="xs" loading={test.isPending} onClick={() => test.mutate()}>
                Send a test
              </Button>
              <Button
                size="xs"
                variant="secondary"
                color="rose"
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(`Delete the channel "${c.name}"?`)) remove.mutate();
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
            queryKey={["channel-deliveries", c.id]}
            urlFor={(cursor) =>
              apiUrl("/api/orgs/{org}/channels/{channelId}/deliveries", { params, query: { cursor, limit: 10 } })
            }
          />
        </div>
      ) : null}
    </div>
  );
}
