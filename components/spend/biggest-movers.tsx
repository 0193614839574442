"use client";

import Link from "next/link";
import { formatMoney } from "@/lib/money/format";
import { biggestMovers, describeChange, type Mover } from "./compare";
import { DIMENSION_LABELS, dimensionHref } from "./dimensions";
import { SpendPanel } from "./spend-panel";
import { describeDays } from "./time-range";
import type { Dimension, SpendParams } from "./types";
import { useSpend } from "./use-spend";

/**
 * Explore's "biggest movers": the groups whose spend rose or fell most between the chosen period and the
 * previous period of the same length, by the current grouping (by team when ungrouped).
 */
export function BiggestMovers({ orgSlug, params }: { orgSlug: string; params: SpendParams }) {
  const groupBy: Dimension[] = params.groupBy?.length ? params.groupBy : ["team"];
  const span = Date.parse(params.to) - Date.parse(params.from);
  const prevFrom = new Date(Date.parse(params.from) - span);
  const base = { ...params, granularity: "month" as const, groupBy };
  const current = useSpend(orgSlug, base);
  const previous = useSpend(orgSlug, { ...base, from: prevFrom.toISOString(), to: params.from });
  const by = groupBy.map((d) => DIMENSION_LABELS[d].toLowerCase()).join(" and ");
  return (
    <SpendPanel
      title={`Biggest movers by ${by}`}
      subtitle={`Against ${describeDays(prevFrom, new Date(params.from))} (UTC), the previous period of the same length`}
      query={previous.error ? previous : current}
      label="biggest movers"
      testId="biggest-movers"
      skeletonClassName="h-40"
      isEmpty={() => false}
    >
      {(d) => {
        if (!previous.data) return <p className="text-sm text-tremor-content">Loading the previous period…</p>;
        const { increases, decreases } = biggestMovers(d, previous.data);
        return (
          <div className="grid gap-6 md:grid-cols-2">
            <MoverList
              title="Largest increases"
              movers={increases}
              orgSlug={orgSlug}
              groupBy={groupBy}
              testId="movers-up"
            />
            <MoverList
              title="Largest decreases"
              movers={decreases}
              orgSlug={orgSlug}
              groupBy={groupBy}
              testId="movers-down"
            />
          </div>
        );
      }}
    </SpendPanel>
  );
}

function MoverList({
  title,
  movers,
  orgSlug,
  groupBy,
  testId,
}: {
  title: string;
  movers: Mover[];
  orgSlug: string;
  groupBy: Dimension[];
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <h3 className="mb-2 text-sm font-medium text-tremor-content-strong">{title}</h3>
      {movers.length === 0 ? <p className="text-sm text-tremor-content">None.</p> : null}
      <ul className="space-y-1.5">
        {movers.map((m) => {
          const href = groupBy.length === 1 ? dimensionHref(orgSlug, groupBy[0]!, m.key[groupBy[0]!]) : null;
          return (
            <li
              key={m.label}
              className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm"
              data-testid="mover"
            >
              {href ? (
                <Link href={href} className="min-w-0 truncate hover:underline">
                  {m.label}
                </Link>
              ) : (
                <span className="min-w-0 truncate">{m.label}</span>
              )}
              <span className="tabular-nums">
                <span data-testid="mover-change">{describeChange(m)}</span>{" "}
                <span className="text-xs text-tremor-content">
                  {formatMoney(m.previous)} → {formatMoney(m.current)}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
