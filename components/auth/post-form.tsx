"use client";

import { Button } from "@tremor/react";
import { useState, type FormEvent, type ReactNode } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { fieldErrors, formMessage } from "@/components/ui/field-errors";
import { apiFetch } from "@/lib/client/api-fetch";

type FieldSpec = { name: string; label: string; type?: string; autoComplete?: string };

/**
 * A small form that POSTs its fields (plus `extra`) as JSON to `url`, shows field errors under their
 * inputs, and once it succeeds shows `done` instead (or calls `onDone`).
 */
export function PostForm({
  url,
  fields,
  extra = {},
  submit,
  done,
  onDone,
}: {
  url: string;
  fields: FieldSpec[];
  extra?: Record<string, string>;
  submit: string;
  done: ReactNode;
  onDone?: () => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const issues = fieldErrors(error);
  const [state, setState] = useState<"idle" | "pending" | "done">("idle");

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const json = { ...extra, ...Object.fromEntries(fields.map((f) => [f.name, String(form.get(f.name) ?? "")])) };
    setState("pending");
    setError(null);
    try {
      await apiFetch(url, { method: "POST", json });
      setState("done");
      onDone?.();
    } catch (err) {
      setError(err);
      setState("idle");
    }
  }

  if (state === "done") return <div className="text-sm">{done}</div>;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError
        message={formMessage(
          error,
          fields.map((f) => f.name),
        )}
      />
      {fields.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          name={f.name}
          type={f.type}
          autoComplete={f.autoComplete}
          error={issues[f.name]}
        />
      ))}
      <Button type="submit" className="w-full" loading={state === "pending"}>
        {submit}
      </Button>
    </form>
  );
}
