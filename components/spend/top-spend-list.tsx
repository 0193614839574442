"use client";

import Link from "next/link";
import { BarList } from "@tremor/react";
import { formatMoney } from "@/lib/money/format";
import { dimensionHref, displayValue } from "./dimensions";
import type { Dimension, SpendResponse } from "./types";

/**
 * The largest groups of a one-dimension spend answer as bars, each linking to its page. Bar
 * lengths use Number(cost); the amounts shown are formatted from the API's exact strings.
 */
export function TopSpendList({
  orgSlug,
  dimension,
  data,
  limit = 6,
}: {
  orgSlug: string;
  dimension: Dimension;
  data: SpendResponse;
  limit?: number;
}) {
  const items = data.series.slice(0, limit).map((s) => {
    const value = s.key[dimension];
    const href = dimensionHref(orgSlug, dimension, value);
    const label = displayValue(value);
    return {
      key: label,
      value: Number(s.total.cost),
      exact: s.total.cost,
      name: href ? (
        <Link href={href} className="hover:underline" data-testid="top-list-link">
          {label}
        </Link>
      ) : (
        label
      ),
    };
  });
  // BarList hands its formatter the number only: map it back to the exact amount it came from.
  const exact = new Map(items.map((i) => [i.value, i.exact]));
  const rest = data.series.length - items.length;
  return (
    <>
      <BarList
        data={items}
        sortOrder="none"
        valueFormatter={(n: number) => formatMoney(exact.get(n) ?? "0")}
        className="tabular-nums"
      />
      {rest > 0 ? <p className="mt-3 text-xs text-tremor-content">and {rest} more</p> : null}
    </>
  );
}
