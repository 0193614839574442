import { compareMoney, formatMoney, formatMoneyPrecise, percentChange, subtractMoney } from "@/lib/money/format";
import { seriesLabel } from "./chart-data";
import type { SpendResponse } from "./types";

/** The change of an amount against the previous period: exact difference, and percent (null from zero). */
export type Change = { current: string; previous: string; delta: string; percent: string | null };

export function changeOf(current: string, previous: string): Change {
  return { current, previous, delta: subtractMoney(current, previous), percent: percentChange(current, previous) };
}

/** "+$12.34 (+5.0%)", "−$3.00 (−20.0%)", "+$5.00 (new)", "no change". */
export function describeChange(c: Change): string {
  const sign = compareMoney(c.delta, "0");
  if (sign === 0) return "no change";
  const abs = sign < 0 ? c.delta.slice(1) : c.delta;
  const amount = `${sign < 0 ? "−" : "+"}${formatMoney(abs, "USD", { lessThanMinor: true })}`;
  if (c.percent === null) return `${amount} (new)`;
  const pct = c.percent.startsWith("-") ? `−${c.percent.slice(1)}` : `+${c.percent}`;
  return `${amount} (${pct}%)`;
}

/** Each series' total cost of a grouped answer, by its label ("search", "search · gpt-4o"). */
export function costsByLabel(res: SpendResponse | undefined, groupBy = res?.groupBy ?? []): Map<string, string> {
  return new Map((res?.series ?? []).map((s) => [seriesLabel(s.key, groupBy), s.total.cost]));
}

export type Mover = Change & { label: string; key: Record<string, string | undefined> };

/**
 * Largest increases and decreases between two grouped answers (same groupBy): every group of either,
 * a group absent from one counting 0 there. Ties keep the label order, so the list is stable.
 */
export function biggestMovers(current: SpendResponse, previous: SpendResponse, limit = 5) {
  const keys = new Map<string, Record<string, string | undefined>>();
  for (const s of [...current.series, ...previous.series]) {
    const label = seriesLabel(s.key, current.groupBy);
    if (!keys.has(label)) keys.set(label, s.key);
  }
  const cur = costsByLabel(current);
  const prev = costsByLabel(previous);
  const all: Mover[] = [...keys].map(([label, key]) => ({
    label,
    key,
    ...changeOf(cur.get(label) ?? "0", prev.get(label) ?? "0"),
  }));
  const byLabel = (a: Mover, b: Mover) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  const increases = all
    .filter((m) => compareMoney(m.delta, "0") > 0)
    .sort((a, b) => compareMoney(b.delta, a.delta) || byLabel(a, b))
    .slice(0, limit);
  const decreases = all
    .filter((m) => compareMoney(m.delta, "0") < 0)
    .sort((a, b) => compareMoney(a.delta, b.delta) || byLabel(a, b))
    .slice(0, limit);
  return { increases, decreases };
}

/** A count's change for people: "+12 (+5.0%)", "−3 (−20.0%)", "+5 (new)", "no change". */
export function describeCountChange(current: number, previous: number): string {
  const delta = current - previous;
  if (delta === 0) return "no change";
  const amount = `${delta < 0 ? "−" : "+"}${Math.abs(delta).toLocaleString("en-US")}`;
  const percent = percentChange(String(current), String(previous));
  if (percent === null) return `${amount} (new)`;
  return `${amount} (${percent.startsWith("-") ? `−${percent.slice(1)}` : `+${percent}`}%)`;
}

/** A unit cost's change, to 4 decimals: "+$0.0012 (+5.0%)", "−<$0.0001 (−0.1%)", "no change". */
export function describeUnitChange(delta: string, percent: string | null): string {
  const sign = compareMoney(delta, "0");
  if (sign === 0) return "no change";
  const abs = sign < 0 ? delta.slice(1) : delta;
  const pct = percent === null ? "" : ` (${percent.startsWith("-") ? `−${percent.slice(1)}` : `+${percent}`}%)`;
  return `${sign < 0 ? "−" : "+"}${formatMoneyPrecise(abs)}${pct}`;
}
