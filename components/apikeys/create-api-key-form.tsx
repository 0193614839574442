"use client";

import { Button, Card } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { SecretCallout } from "@/components/ui/secret-callout";
import type { ApiResponse } from "@/lib/client/api-types";

type Created = ApiResponse<"apiKeys.create">;

export function CreateApiKeyForm({ url, onCreated }: { url: string; onCreated: () => void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch<Created>(url, { method: "POST", json: body }),
    onSuccess: (data) => {
      setSecret(data.apiKey.secret);
      onCreated();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const team = String(form.get("team") ?? "").trim();
    create.mutate({
      name: String(form.get("name") ?? ""),
      scopes: form.getAll("scopes").map(String),
      ...(team ? { defaultAttribution: { team } } : {}),
    });
    e.currentTarget.reset();
  }

  return (
    <Card>
      <h2 className="mb-3 font-medium text-tremor-content-strong">Create an API key</h2>
      {secret ? (
        <SecretCallout
          title="Copy this key now: it will not be shown again"
          secret={secret}
          testId="new-api-key"
          onDismiss={() => setSecret(null)}
        />
      ) : null}
      <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-3" noValidate>
        <Field label="Name" name="name" placeholder="search-service production" required />
        <Field label="Default team (optional)" name="team" placeholder="search" />
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium text-tremor-content-strong">Scopes</legend>
          <label className="mr-4 inline-flex items-center gap-2">
            <input type="checkbox" name="scopes" value="ingest" defaultChecked /> ingest
          </label>
          <label className="mr-4 inline-flex items-center gap-2">
            <input type="checkbox" name="scopes" value="read" /> read
          </label>
          <label
            className="inline-flex items-center gap-2"
            title="Manage budgets, channels and webhooks by API (owners and admins only)"
          >
            <input type="checkbox" name="scopes" value="admin" /> admin
          </label>
        </fieldset>
        <div className="md:col-span-3">
          <FormError message={create.error?.message} />
          <Button type="submit" loading={create.isPending} className="mt-2">
            Create key
          </Button>
        </div>
      </form>
    </Card>
  );
}
