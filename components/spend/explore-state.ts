import { DIMENSIONS, isDimension } from "./dimensions";
import type { ChartKind } from "./spend-chart";
import { addDays, isoDate, lastDays } from "./time-range";
import type { Dimension, Granularity, SpendParams } from "./types";

export const PRESETS = { "7d": 7, "30d": 30, "90d": 90 } as const;
export type RangeChoice = keyof typeof PRESETS | "custom";
export const SORT_KEYS = ["group", "cost", "events", "requests", "tokens", "share"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
const GRANULARITIES: Granularity[] = ["hour", "day", "week", "month"];
/** Hourly buckets are offered for ranges up to this many days. */
export const MAX_HOURLY_DAYS = 31;

/** Everything the Explore page shows, as it is kept in the URL. Dates are inclusive UTC days. */
export type ExploreState = {
  range: RangeChoice;
  from: string;
  to: string;
  granularity: Granularity;
  groupBy: Dimension[];
  filters: Partial<Record<Dimension, string>>;
  chart: ChartKind;
  sort: SortKey;
  dir: SortDir;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string | null): s is string => !!s && DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const pick = <T extends string>(v: string | null, allowed: readonly T[], fallback: T): T =>
  v && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;

export const dayCount = (s: ExploreState): number =>
  Math.round((Date.parse(`${s.to}T00:00:00Z`) - Date.parse(`${s.from}T00:00:00Z`)) / 86_400_000) + 1;

/** Reads the URL; anything missing or malformed falls back to the defaults (last 30 days, by day, ungrouped). */
export function parseExplore(sp: URLSearchParams, now: Date): ExploreState {
  let range = pick<RangeChoice>(sp.get("range"), ["7d", "30d", "90d", "custom"], "30d");
  let from = sp.get("from");
  let to = sp.get("to");
  if (range === "custom" && !(validDate(from) && validDate(to) && from <= to)) range = "30d";
  if (range !== "custom") {
    const r = lastDays(PRESETS[range], now);
    from = isoDate(r.from);
    to = isoDate(addDays(r.to, -1));
  }
  const groupBy = (sp.get("groupBy") ?? "")
    .split(",")
    .filter(isDimension)
    .filter((d, i, a) => a.indexOf(d) === i)
    .slice(0, 2);
  const filters: Partial<Record<Dimension, string>> = {};
  for (const d of DIMENSIONS) {
    const v = sp.get(d);
    if (v !== null && v !== "") filters[d] = v;
  }
  const state: ExploreState = {
    range,
    from: from!,
    to: to!,
    granularity: pick(sp.get("granularity"), GRANULARITIES, "day"),
    groupBy,
    filters,
    chart: pick<ChartKind>(sp.get("chart"), ["area", "bar"], "area"),
    sort: pick(sp.get("sort"), SORT_KEYS, "cost"),
    dir: pick<SortDir>(sp.get("dir"), ["asc", "desc"], "desc"),
  };
  if (state.granularity === "hour" && dayCount(state) > MAX_HOURLY_DAYS) state.granularity = "day";
  return state;
}

/** The URL of a state: every choice is written, so that a shared link shows the same view. */
export function exploreSearch(s: ExploreState): URLSearchParams {
  const sp = new URLSearchParams({ range: s.range });
  if (s.range === "custom") {
    sp.set("from", s.from);
    sp.set("to", s.to);
  }
  sp.set("granularity", s.granularity);
  sp.set("groupBy", s.groupBy.join(","));
  for (const d of DIMENSIONS) if (s.filters[d] !== undefined) sp.set(d, s.filters[d]!);
  sp.set("chart", s.chart);
  sp.set("sort", s.sort);
  sp.set("dir", s.dir);
  return sp;
}

/** The spend API parameters of a state ([from 00:00, day after to 00:00) UTC). */
export function exploreQuery(s: ExploreState): SpendParams {
  return {
    from: `${s.from}T00:00:00.000Z`,
    to: addDays(new Date(`${s.to}T00:00:00.000Z`), 1).toISOString(),
    granularity: s.granularity,
    groupBy: s.groupBy,
    filters: s.filters,
  };
}
