"use client";

import { Button } from "@tremor/react";
import { useRef, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { fieldErrors, formMessage } from "./field-errors";
import { ProviderOptions } from "./provider-options";
import { optionalFields, useCreateOverride } from "./use-create-override";

const FIELDS = ["provider", "model", "prices.input", "prices.output", "prices.cachedInput", "prices", "note"];

type Props = { orgSlug: string; providers: string[]; defaults?: { provider?: string; model?: string } };

/** Your own price for a model: a self-hosted one, or a contract price replacing the catalog's. */
export function CustomPriceForm({ orgSlug, providers, defaults }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const create = useCreateOverride(orgSlug, () => formRef.current?.reset());
  const errors = fieldErrors(create.error);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const { note, cachedInput } = optionalFields(form, ["note", "cachedInput"]);
    create.mutate({
      kind: "CUSTOM_PRICE",
      provider: text("provider"),
      model: text("model"),
      prices: { input: text("input"), output: text("output"), ...(cachedInput ? { cachedInput } : {}) },
      ...(note ? { note } : {}),
    });
  }

  return (
    <form
      ref={formRef}
      id="custom-price"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="custom-price-title"
      className="space-y-4"
    >
      <div>
        <h3 id="custom-price-title" className="font-medium text-tremor-content-strong">
          Add a custom price or model
        </h3>
        <p className="text-sm text-tremor-content">
          USD per 1M tokens. Applies to all past and future events of this model.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Provider"
          name="provider"
          id="custom-provider"
          placeholder="self-hosted"
          list="custom-providers"
          autoComplete="off"
          required
          defaultValue={defaults?.provider}
          error={errors.provider}
        />
        <Field
          label="Model"
          name="model"
          id="custom-model"
          placeholder="llama-70b-internal"
          autoComplete="off"
          required
          defaultValue={defaults?.model}
          error={errors.model}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Input $/1M"
          name="input"
          id="custom-input"
          inputMode="decimal"
          placeholder="0.40"
          required
          error={errors["prices.input"] ?? errors.prices}
        />
        <Field
          label="Output $/1M"
          name="output"
          id="custom-output"
          inputMode="decimal"
          placeholder="0.80"
          required
          error={errors["prices.output"]}
        />
        <Field
          label="Cached input $/1M"
          name="cachedInput"
          id="custom-cachedInput"
          inputMode="decimal"
          placeholder="optional"
          error={errors["prices.cachedInput"]}
        />
      </div>
      <Field
        label="Note (optional)"
        name="note"
        id="custom-note"
        placeholder="GPU cost per token, Q3"
        error={errors.note}
      />
      <ProviderOptions id="custom-providers" providers={providers} />
      <FormError message={formMessage(create.error, FIELDS)} />
      {create.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700">
          Price added; its events are being re-priced.
        </p>
      ) : null}
      <Button type="submit" loading={create.isPending}>
        Add price
      </Button>
    </form>
  );
}
