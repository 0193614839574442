import { onBudgetsChanged } from "@/lib/budgets/budgets-changed";
import { db } from "@/lib/db";
import { type BudgetRow, toBudgetRow } from "@/lib/budgets/budget-row";
import { type Period, periodAt } from "@/lib/budgets/budget-period";
import { onCapVersionLost } from "@/lib/redis/cap-versions";
import { type CallAttributes, matchBudgets } from "./match-budgets";

/** One hard-capped budget a call falls in, in its current period, under one value. */
export type CapKey = { budget: BudgetRow; period: Period; scopeValue: string };

export type FailMode = "open" | "closed";

/** An organisation's hard-capped budgets and cap settings, as one process last read them. */
export type CapOrg = {
  at: number;
  /** The organisation's cap version (lib/redis/cap-versions.ts) read before them; null: unknown. */
  version: string | null;
  timeZone: string;
  failMode: FailMode;
  budgets: BudgetRow[];
};

/**
 * Longest a process uses what it read without Redis confirming it is current (a bump that could
 * not reach Redis, or Redis down): a change made elsewhere applies to checks within this time.
 */
export const CAP_CACHE_MAX_AGE_MS = 2_000;

const cache = new Map<string, CapOrg>();
// This process's own budget changes apply at once; so does a lost version bump.
onBudgetsChanged((orgId) => cache.delete(orgId));
onCapVersionLost((orgId) => cache.delete(orgId));

/** The organisation's cap settings as last read, however old (for the fail mode when nothing can be read). */
export const lastKnownCapOrg = (orgId: string): CapOrg | undefined => cache.get(orgId);

/** A copy read less than CAP_CACHE_MAX_AGE_MS ago, if any. */
export function cachedCapOrg(orgId: string): CapOrg | undefined {
  const hit = cache.get(orgId);
  return hit && Date.now() - hit.at < CAP_CACHE_MAX_AGE_MS ? hit : undefined;
}

/** Reads the organisation's hard-capped budgets from Postgres, tagged with `version` (read before). */
export async function loadCapOrg(orgId: string, version: string | null): Promise<CapOrg> {
  const [org, rows] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { timeZone: true, capFailMode: true } }),
    db().budget.findMany({ where: { orgId, hardCap: true }, orderBy: { id: "asc" } }),
  ]);
  const fresh: CapOrg = {
    at: Date.now(),
    version,
    timeZone: org.timeZone,
    failMode: org.capFailMode === "closed" ? "closed" : "open",
    budgets: rows.map(toBudgetRow),
  };
  if (cache.size > 10_000) cache.clear();
  cache.set(orgId, fresh);
  return fresh;
}

/**
 * The hard-capped budgets that cover the call, each in its period at `now` (in the organisation's
 * time zone, so a period rolls over at its exact boundary), in a fixed order (budget id): the
 * order locks are taken in.
 */
export function capKeysOf(org: CapOrg, call: CallAttributes, now: Date): CapKey[] {
  return matchBudgets(org.budgets, call).map(({ budget, scopeValue }) => ({
    budget,
    scopeValue,
    period: periodAt(budget, org.timeZone, now),
  }));
}
