"use client";

import { Button } from "@tremor/react";
import { useRef, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { fieldErrors, formMessage } from "./field-errors";
import { ProviderOptions } from "./provider-options";
import { optionalFields, useCreateOverride } from "./use-create-override";

const FIELDS = ["percentOff", "provider", "model", "note", "effectiveFrom"];

/** A negotiated discount: a percentage off the catalog, for everything, a provider or one model. */
export function DiscountForm({ orgSlug, providers }: { orgSlug: string; providers: string[] }) {
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateOverride(orgSlug, () => formRef.current?.reset());
  const errors = fieldErrors(create.error);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const { effectiveFrom, ...rest } = optionalFields(form, ["provider", "model", "note", "effectiveFrom"]);
    create.mutate({
      kind: "DISCOUNT",
      percentOff: String(form.get("percentOff") ?? "").trim(),
      ...rest,
      ...(effectiveFrom ? { effectiveFrom: `${effectiveFrom}T00:00:00Z` } : {}),
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="discount-form-title" className="space-y-4">
      <div>
        <h3 id="discount-form-title" className="font-medium text-tremor-content-strong">
          Add a negotiated discount
        </h3>
        <p className="text-sm text-tremor-content">
          A percentage off the catalog price. Leave provider and model empty to discount everything.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Percent off"
          name="percentOff"
          id="discount-percentOff"
          inputMode="decimal"
          placeholder="12.5"
          required
          error={errors.percentOff}
        />
        <Field
          label="Starts (optional, UTC)"
          name="effectiveFrom"
          id="discount-effectiveFrom"
          type="date"
          error={errors.effectiveFrom}
        />
        <Field
          label="Provider (optional)"
          name="provider"
          id="discount-provider"
          placeholder="openai"
          list="discount-providers"
          autoComplete="off"
          error={errors.provider}
        />
        <Field
          label="Model (optional)"
          name="model"
          id="discount-model"
          placeholder="gpt-4o"
          autoComplete="off"
          error={errors.model}
        />
        <div className="sm:col-span-2">
          <Field
            label="Note (optional)"
            name="note"
            id="discount-note"
            placeholder="2026 enterprise agreement"
            error={errors.note}
          />
        </div>
      </div>
      <ProviderOptions id="discount-providers" providers={providers} />
      <FormError message={formMessage(create.error, FIELDS)} />
      {create.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700">
          Discount added; affected events are being re-priced.
        </p>
      ) : null}
      <Button type="submit" loading={create.isPending}>
        Add discount
      </Button>
    </form>
  );
}
