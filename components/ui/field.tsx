import type { InputHTMLAttributes } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string };

/** A labelled input with its validation message underneath (a sentence, tied to the input for screen readers). */
export function Field({ label, error, id, ...input }: Props) {
  const inputId = id ?? input.name;
  const errorId = `${inputId}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-tremor-content-strong">
        {label}
      </label>
      <input
        id={inputId}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="block w-full rounded-tremor-default border-tremor-border text-sm shadow-tremor-input focus:border-tremor-brand focus:ring-tremor-brand read-only:bg-tremor-background-subtle"
      />
      {error ? (
        <p id={errorId} className="text-xs text-red-600" data-testid={`${inputId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
