import { usdToPico } from "@/lib/money";
import { querySpend } from "@/lib/rollups/query-spend";
import type { Dimension } from "@/lib/usage";
import { floorHour, type Period } from "./budget-period";
import { SCOPE_DIMENSIONS, type BudgetScope, type ScopeDimension } from "./budget-input";

/** The scope's fixed filters and its "*" dimension, if any. */
export function scopeQuery(scope: BudgetScope): {
  filters: Partial<Record<Dimension, string[]>>;
  star?: ScopeDimension;
} {
  const filters: Partial<Record<Dimension, string[]>> = {};
  let star: ScopeDimension | undefined;
  for (const d of SCOPE_DIMENSIONS) {
    const v = scope[d];
    if (v === "*") star = d;
    else if (v !== undefined) filters[d] = [v];
  }
  return { filters, star };
}

/** Hourly rollup range of a period: boundaries inside an hour count from that hour. */
const hourRange = (p: Period) => ({ from: floorHour(p.start), to: floorHour(p.end) });

/**
 * Spend of the scope in a period, per value of its "*" dimension ("" when there is none), in
 * exact pico units, read from the rollups by the spend query (hours at the edges, days inside).
 * Only values with spend appear; for a "*" scope, spend without a value (no customer) is nobody's.
 */
export async function spendByValue(orgId: string, scope: BudgetScope, period: Period): Promise<Map<string, bigint>> {
  const { filters, star } = scopeQuery(scope);
  const { from, to } = hourRange(period);
  const out = new Map<string, bigint>();
  if (from >= to) return out;
  const res = await querySpend({ orgId }, { from, to, granularity: "month", groupBy: star ? [star] : [], filters });
  for (const s of res.series) {
    const pico = usdToPico(s.total.cost);
    const value = star ? (s.key[star] ?? "") : "";
    if (pico > 0n && !(star && value === "")) out.set(value, pico);
  }
  return out;
}

/** Hourly spend of the scope in [from, to) per value of its "*" dimension ("" without one), as [hour ms, pico] pairs. */
export async function hourlySpendByValue(
  orgId: string,
  scope: BudgetScope,
  from: Date,
  to: Date,
): Promise<Map<string, [number, bigint][]>> {
  const { filters, star } = scopeQuery(scope);
  const out = new Map<string, [number, bigint][]>();
  if (from >= to) return out;
  const res = await querySpend({ orgId }, { from, to, granularity: "hour", groupBy: star ? [star] : [], filters });
  for (const s of res.series) {
    const value = star ? (s.key[star] ?? "") : "";
    if (!(star && value === ""))
      out.set(
        value,
        s.points.map((p) => [Date.parse(p.t), usdToPico(p.cost)]),
      );
  }
  return out;
}
