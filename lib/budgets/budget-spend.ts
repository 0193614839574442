import { usdToPico } from "@/lib/money";
import { querySpend } from "@/lib/rollups/query-spend";
import { queryScopedSpend, queryScopedSpendFromEvents } from "@/lib/rollups/query-scoped-spend";
import type { ScopedColumn } from "@/lib/rollups/scoped-spend-sql";
import type { Dimension } from "@/lib/usage";
import { floorHour, type Period } from "./budget-period";
import { SCOPE_DIMENSIONS, type BudgetScope, type ScopeDimension } from "./budget-input";

/** The scope's fixed filters and its "*" dimension, if any. */
export function scopeQuery(scope: BudgetScope): {
  filters: Partial<Record<ScopeDimension, string>>;
  star?: ScopeDimension;
} {
  const filters: Partial<Record<ScopeDimension, string>> = {};
  let star: ScopeDimension | undefined;
  for (const d of SCOPE_DIMENSIONS) {
    const v = scope[d];
    if (v === "*") star = d;
    else if (v !== undefined) filters[d] = v;
  }
  return { filters, star };
}

/** A scope with endUser or apiKey is read from scoped spend; the others from the rollups. */
export const needsScopedSpend = (scope: BudgetScope) => scope.endUser !== undefined || scope.apiKey !== undefined;

const scopedColumn = (d: ScopeDimension): ScopedColumn => (d === "apiKey" ? "apiKeyId" : d);

/**
 * Where an endUser/apiKey scope is read: scoped spend (kept once the organisation has such a
 * budget), or the raw events (the preview of a first such budget, before saving fills the table).
 */
export type ScopedSource = "scoped_spend" | "events";

/** The scope's spend per [value of its "*" dimension ("" without one), hour (ms; 0 unless hourly), pico]. */
async function readSpend(
  orgId: string,
  scope: BudgetScope,
  from: Date,
  to: Date,
  hourly: boolean,
  source: ScopedSource = "scoped_spend",
) {
  const { filters, star } = scopeQuery(scope);
  if (needsScopedSpend(scope)) {
    const f = Object.fromEntries(Object.entries(filters).map(([d, v]) => [scopedColumn(d as ScopeDimension), v]));
    const read = source === "events" ? queryScopedSpendFromEvents : queryScopedSpend;
    return read(orgId, { from, to, filters: f, groupBy: star && scopedColumn(star), hourly });
  }
  const rollupFilters = Object.fromEntries(Object.entries(filters).map(([d, v]) => [d, [v]])) as Partial<
    Record<Dimension, string[]>
  >;
  const groupBy = star ? [star as Dimension] : [];
  const res = await querySpend(
    { orgId },
    { from, to, granularity: hourly ? "hour" : "month", groupBy, filters: rollupFilters },
  );
  return res.series.flatMap((s) => {
    const value = star ? (s.key[star as Dimension] ?? "") : "";
    return hourly
      ? s.points.map((p) => ({ value, hour: Date.parse(p.t), pico: usdToPico(p.cost) }))
      : [{ value, hour: 0, pico: usdToPico(s.total.cost) }];
  });
}

/** Hourly rollup range of a period: boundaries inside an hour count from that hour. */
const hourRange = (p: Period) => ({ from: floorHour(p.start), to: floorHour(p.end) });

/**
 * Spend of the scope in a period, per value of its "*" dimension ("" when there is none), in
 * exact pico units, read from the rollups by the spend query (hours at the edges, days inside),
 * or from scoped spend for an endUser/apiKey scope. Only values with spend appear; for a "*"
 * scope, spend without a value (no customer, no end user) is nobody's.
 */
export async function spendByValue(
  orgId: string,
  scope: BudgetScope,
  period: Period,
  source?: ScopedSource,
): Promise<Map<string, bigint>> {
  const { star } = scopeQuery(scope);
  const { from, to } = hourRange(period);
  const out = new Map<string, bigint>();
  if (from >= to) return out;
  for (const r of await readSpend(orgId, scope, from, to, false, source))
    if (r.pico > 0n && !(star && r.value === "")) out.set(r.value, (out.get(r.value) ?? 0n) + r.pico);
  return out;
}

/** Hourly spend of the scope in [from, to) per value of its "*" dimension ("" without one), as [hour ms, pico] pairs. */
export async function hourlySpendByValue(
  orgId: string,
  scope: BudgetScope,
  from: Date,
  to: Date,
  source?: ScopedSource,
): Promise<Map<string, [number, bigint][]>> {
  const { star } = scopeQuery(scope);
  const out = new Map<string, [number, bigint][]>();
  if (from >= to) return out;
  for (const r of await readSpend(orgId, scope, from, to, true, source)) {
    if (star && r.value === "") continue;
    const points = out.get(r.value) ?? [];
    points.push([r.hour, r.pico]);
    out.set(r.value, points);
  }
  return out;
}
