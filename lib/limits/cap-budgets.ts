import { onBudgetsChanged } from "@/lib/budgets/budgets-changed";
import { db } from "@/lib/db";
import { type BudgetRow, toBudgetRow } from "@/lib/budgets/budget-row";
import { type Period, periodAt } from "@/lib/budgets/budget-period";
import { type CallAttributes, matchBudgets } from "./match-budgets";

/** One hard-capped budget a call falls in, in its current period, under one value. */
export type CapKey = { budget: BudgetRow; period: Period; scopeValue: string };

/**
 * How long a process keeps an organisation's hard-capped budgets: a change made in another process
 * (a new cap, a raised amount) applies to checks within this time; this process's own changes at once.
 */
export const CAP_BUDGETS_TTL_MS = 1_000;
type Cached = { at: number; timeZone: string; budgets: BudgetRow[] };
const cache = new Map<string, Cached>();

// A budget change in this process applies at once.
onBudgetsChanged((orgId) => cache.delete(orgId));

async function capBudgets(orgId: string): Promise<Cached> {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < CAP_BUDGETS_TTL_MS) return hit;
  const [org, rows] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { timeZone: true } }),
    db().budget.findMany({ where: { orgId, hardCap: true }, orderBy: { id: "asc" } }),
  ]);
  const fresh = { at: Date.now(), timeZone: org.timeZone, budgets: rows.map(toBudgetRow) };
  if (cache.size > 10_000) cache.clear();
  cache.set(orgId, fresh);
  return fresh;
}

/**
 * The organisation's hard-capped budgets that cover the call, each in its period at `now` (in the
 * organisation's time zone), in a fixed order (budget id): the order locks are taken in.
 */
export async function capKeysFor(orgId: string, call: CallAttributes, now: Date): Promise<CapKey[]> {
  const { timeZone, budgets } = await capBudgets(orgId);
  return matchBudgets(budgets, call).map(({ budget, scopeValue }) => ({
    budget,
    scopeValue,
    period: periodAt(budget, timeZone, now),
  }));
}
