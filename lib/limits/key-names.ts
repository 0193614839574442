import type { Period } from "@/lib/budgets/budget-period";
import { changedValuesKey, periodVersionKey, valueVersionKey } from "@/lib/redis/cap-versions";
import type { CapKey } from "./cap-budgets";
import { figuresKey } from "./cap-figures-cache";

/** The names a check uses for a key: its figures copy, and in Redis its period's version, its value's, its period's changed values. */
export type KeyNames = { figures: string; periodVersion: string; valueVersion: string; changedValues: string };

type PeriodNames = {
  orgId: string;
  budgetId: string;
  periodVersion: string;
  changedValues: string;
  values: Map<string, KeyNames>;
};
const byPeriod = new WeakMap<Period, PeriodNames>();
/** Values named per period at most ("each end user" budgets have many; the rest are made per call). */
export const MAX_NAMED_VALUES = 1_000;

/**
 * The key's names, made once per period object (a budget's period is one object while `now` is in
 * it, lib/limits/cap-budgets.ts) and value, then reused: joined anew on every check they were a
 * fifth of what a check allocated. The period object is trusted only for the organisation and
 * budget it was named for.
 */
export function keyNames(orgId: string, k: CapKey): KeyNames {
  let p = byPeriod.get(k.period);
  if (!p || p.orgId !== orgId || p.budgetId !== k.budget.id) {
    p = {
      orgId,
      budgetId: k.budget.id,
      periodVersion: periodVersionKey(orgId, k.budget.id, k.period.start),
      changedValues: changedValuesKey(orgId, k.budget.id, k.period.start),
      values: new Map(),
    };
    byPeriod.set(k.period, p);
  }
  let n = p.values.get(k.scopeValue);
  if (!n) {
    n = {
      figures: figuresKey(orgId, k),
      periodVersion: p.periodVersion,
      valueVersion: valueVersionKey(orgId, {
        budgetId: k.budget.id,
        periodStart: k.period.start,
        scopeValue: k.scopeValue,
      }),
      changedValues: p.changedValues,
    };
    if (p.values.size < MAX_NAMED_VALUES) p.values.set(k.scopeValue, n);
  }
  return n;
}
