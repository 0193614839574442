"use client";

import { Button, Card } from "@tremor/react";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { SecretCallout } from "@/components/ui/secret-callout";
import type { ApiResponse } from "@/lib/client/api-types";
import { curlExample } from "@/lib/client/curl-example";
import { fieldErrors, formMessage } from "@/components/ui/field-errors";

type Created = ApiResponse<"apiKeys.create">;

const FIELDS = ["name", "scopes", "defaultAttribution.team"];

export function CreateApiKeyForm({
  url,
  baseUrl,
  onCreated,
}: {
  url: string;
  /** The deployment's configured base URL (NEXTAUTH_URL), for the curl example. */
  baseUrl: string;
  onCreated: () => void;
}) {
  const [created, setCreated] = useState<{ secret: string; scopes: string[] } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch<Created>(url, { method: "POST", json: body }),
    onSuccess: (data) => {
      setCreated({ secret: data.apiKey.secret, scopes: data.apiKey.scopes });
      formRef.current?.reset(); // kept on an error, so that the fields can be corrected
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
  }
  const errors = fieldErrors(create.error);

  return (
    <Card>
      <h2 className="mb-3 font-medium text-tremor-content-strong">Create an API key</h2>
      {created ? (
        <SecretCallout
          title="Copy this key now: it will not be shown again"
          secret={created.secret}
          testId="new-api-key"
          onDismiss={() => setCreated(null)}
          example={{
            label: "Try it: paste this into a terminal",
            command: curlExample(baseUrl, created.secret, created.scopes),
            testId: "new-api-key-curl",
          }}
        />
      ) : null}
      <form ref={formRef} onSubmit={onSubmit} className="grid gap-4 md:grid-cols-3" noValidate>
        <Field label="Name" name="name" placeholder="search-service production" required error={errors.name} />
        <Field
          label="Default team (optional)"
          name="team"
          placeholder="search"
          error={errors["defaultAttribution.team"]}
        />
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
          {errors.scopes ? <p className="text-xs text-red-600">{errors.scopes}</p> : null}
        </fieldset>
        <div className="md:col-span-3">
          <FormError message={formMessage(create.error, FIELDS)} />
          <Button type="submit" loading={create.isPending} className="mt-2">
            Create key
          </Button>
        </div>
      </form>
    </Card>
  );
}
