import { db } from "@/lib/db";
import { type BudgetRow, toBudgetRow } from "@/lib/budgets/budget-row";
import { type Period, periodAt } from "@/lib/budgets/budget-period";
import { type CallAttributes, matchBudgets } from "./match-budgets";

/** One hard-capped budget a call falls in, in its current period, under one value. */
export type CapKey = { budget: BudgetRow; period: Period; scopeValue: string };

/**
 * The organisation's hard-capped budgets that cover the call, each in its period at `now` (in the
 * organisation's time zone), in a fixed order (budget id): the order locks are taken in.
 */
export async function capKeysFor(orgId: string, call: CallAttributes, now: Date): Promise<CapKey[]> {
  const [org, rows] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { timeZone: true } }),
    db().budget.findMany({ where: { orgId, hardCap: true }, orderBy: { id: "asc" } }),
  ]);
  return matchBudgets(rows.map(toBudgetRow), call).map(({ budget, scopeValue }) => ({
    budget,
    scopeValue,
    period: periodAt(budget, org.timeZone, now),
  }));
}
