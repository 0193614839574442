import Link from "next/link";
import { dimensionHref, displayValue } from "./dimensions";
import type { Dimension } from "./types";

/** A dimension value in a table: a link to its page where it has one, "(none)" when unattributed. */
export function GroupValue({
  orgSlug,
  dimension,
  value,
}: {
  orgSlug: string;
  dimension: Dimension;
  value: string | undefined;
}) {
  const href = dimensionHref(orgSlug, dimension, value);
  const label = displayValue(value);
  const muted = value ? "" : " italic";
  if (!href) return <span className={`text-tremor-content-strong${muted}`}>{label}</span>;
  return (
    <Link href={href} className={`font-medium text-tremor-brand hover:underline${muted}`}>
      {label}
    </Link>
  );
}
