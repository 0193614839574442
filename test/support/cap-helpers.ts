import { createBudget } from "@/lib/budgets";
import type { BudgetScope } from "@/lib/budgets/budget-input";
import { pgPool } from "@/lib/db/pg-pool";
import { capsFor } from "@/lib/limits/caps-for";
import { checkLimits } from "@/lib/limits/check-limits";
import { keyNames } from "@/lib/limits/key-names";
import { redis } from "@/lib/redis/connection";
import type { OrgContext } from "@/lib/tenancy/context";

export type CappedBudget = { id: string; periodStart: Date; periodEnd: Date };

/** A new hard-capped monthly budget (the whole organisation unless a scope is given). */
export const hardCapBudget = (org: OrgContext, name: string, amount: string, scope: BudgetScope = {}) =>
  createBudget(org, { name, scope, period: "month", amount, hardCap: true });

/**
 * A new hard-capped monthly budget and its current period, as the limits check reports it for
 * `probe` (a call the budget covers). That first check reads the new budget list and keeps no copy.
 */
export async function cappedBudget(
  org: OrgContext,
  scope: BudgetScope,
  probe: Record<string, string>,
  opts: { name: string; amount: string },
): Promise<CappedBudget> {
  const b = await hardCapBudget(org, opts.name, opts.amount, scope);
  const first = await checkLimits(org, probe);
  return {
    id: b.id,
    periodStart: new Date(first.budgets[0]!.periodStart),
    periodEnd: new Date(first.budgets[0]!.resetsAt),
  };
}

/** A value's spend written as an evaluation would save it, behind the API's back (no version bump follows). */
export async function sneakSpendRow(
  orgId: string,
  b: CappedBudget,
  scopeValue: string,
  pico: bigint,
  foldedBefore = new Date(),
): Promise<void> {
  await pgPool().query(
    `INSERT INTO budget_period_spend ("orgId", "budgetId", "periodStart", "scopeValue", "periodEnd", "spentPico", "foldedBefore")
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ("orgId", "budgetId", "periodStart", "scopeValue") DO UPDATE SET "spentPico" = EXCLUDED."spentPico"`,
    [orgId, b.id, b.periodStart, scopeValue, b.periodEnd, pico, foldedBefore],
  );
}

/**
 * The value versions in Redis of the keys a call falls under: what other processes' copies of their
 * figures are tagged with (a change that bumps them makes those copies unused).
 */
export async function valueVersionsOf(org: OrgContext, call: Record<string, string>): Promise<(string | null)[]> {
  const { keys } = await capsFor(org, call, new Date());
  return redis().mget(keys.map((k) => keyNames(org.orgId, k).valueVersion));
}
