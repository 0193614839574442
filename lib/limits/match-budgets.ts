import type { BudgetScope, ScopeDimension } from "@/lib/budgets/budget-input";
import { SCOPE_DIMENSIONS } from "@/lib/budgets/budget-input";

/** The attributes of a call the limits API is asked about (as a usage event carries them). */
export type CallAttributes = Partial<Record<ScopeDimension, string>>;

export type CapMatch<B> = { budget: B; scopeValue: string };

/**
 * The hard-capped budgets whose scope covers a call, each with the value it counts the call
 * under: "" for a plain scope, the call's value of the "*" dimension otherwise. A fixed dimension
 * matches only the same value; a "*" dimension needs the call to carry a value (spend without a
 * customer is nobody's, as in the budgets' own evaluation). The whole organisation ({}) matches
 * every call.
 */
export function matchBudgets<B extends { scope: BudgetScope }>(budgets: B[], call: CallAttributes): CapMatch<B>[] {
  const out: CapMatch<B>[] = [];
  next: for (const budget of budgets) {
    let scopeValue = "";
    for (const d of SCOPE_DIMENSIONS) {
      const want = budget.scope[d];
      if (want === undefined) continue;
      const have = call[d];
      if (have === undefined || have === "") continue next;
      if (want === "*") scopeValue = have;
      else if (want !== have) continue next;
    }
    out.push({ budget, scopeValue });
  }
  return out;
}
