"use client";

import { DIMENSION_LABELS, displayValue } from "./dimensions";
import { SelectField } from "./select-field";
import type { Dimension, SpendParams } from "./types";
import { useSpend } from "./use-spend";

type Props = {
  orgSlug: string;
  dimension: Dimension;
  range: Pick<SpendParams, "from" | "to">;
  value: string | undefined;
  onValue: (v: string | undefined) => void;
};

/** A filter on one dimension: its options are the values seen in the date range (by spend). */
export function FilterSelect({ orgSlug, dimension, range, value, onValue }: Props) {
  const seen = useSpend(orgSlug, { ...range, granularity: "month", groupBy: [dimension] });
  const options = (seen.data?.series ?? []).map((s) => displayValue(s.key[dimension]));
  if (value !== undefined && !options.includes(value)) options.unshift(value);
  const label = DIMENSION_LABELS[dimension];
  return (
    <SelectField
      id={`filter-${dimension}`}
      label={label}
      aria-label={`Filter by ${label.toLowerCase()}`}
      value={value ?? ""}
      onValue={(v) => onValue(v === "" ? undefined : v)}
      aria-busy={seen.isLoading}
      title={seen.error ? `Could not load ${label.toLowerCase()} values: ${(seen.error as Error).message}` : undefined}
    >
      <option value="">{seen.isLoading ? "Loading…" : seen.error ? "All (values unavailable)" : "All"}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </SelectField>
  );
}
