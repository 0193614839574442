import { compareMoney, sharePercent } from "@/lib/money/format";
import { ALL_SPEND } from "./chart-data";
import { displayValue } from "./dimensions";
import type { SortDir, SortKey } from "./explore-state";
import { totalTokens, type Dimension, type SpendResponse } from "./types";

/** One table (and CSV) row: a group of the answer with its exact totals. */
export type SpendRow = {
  id: string;
  /** Raw values per grouped dimension ("" = unattributed). */
  key: Partial<Record<Dimension, string>>;
  label: string;
  cost: string;
  events: number;
  requests: number;
  tokens: number;
  /** Share of the total cost in percent, one decimal ("12.5"), null when the total is zero. */
  share: string | null;
};

export function toRows(data: SpendResponse): SpendRow[] {
  return data.series.map((s) => ({
    id: JSON.stringify(s.key),
    key: s.key,
    label: data.groupBy.length ? data.groupBy.map((d) => displayValue(s.key[d])).join(" · ") : ALL_SPEND,
    cost: s.total.cost,
    events: s.total.events,
    requests: s.total.requests,
    tokens: totalTokens(s.total),
    share: sharePercent(s.total.cost, data.total.cost),
  }));
}

/** Sorted copy; costs (and shares, which follow them) compare exactly; ties keep cost order. */
export function sortRows(rows: SpendRow[], sort: SortKey, dir: SortDir): SpendRow[] {
  const cmp = (a: SpendRow, b: SpendRow): number => {
    switch (sort) {
      case "group":
        return a.label.localeCompare(b.label, "en");
      case "cost":
      case "share":
        return compareMoney(a.cost, b.cost);
      default:
        return a[sort] - b[sort];
    }
  };
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => sign * cmp(x.r, y.r) || x.i - y.i)
    .map((x) => x.r);
}
