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

/**
 * The same matching as `matchBudgets`, indexed: budgets are grouped by the dimensions their scope
 * names (fixed or "*"), and within a group by their fixed values, so a call costs one lookup per
 * group instead of a test per budget (a thousand budgets fall in a handful of groups). Matches
 * come in the budgets' order, as from `matchBudgets`.
 */
export function budgetMatcher<B extends { scope: BudgetScope }>(budgets: B[]): (call: CallAttributes) => CapMatch<B>[] {
  type Group = { fixed: ScopeDimension[]; stars: ScopeDimension[]; byValues: Map<string, number[]> };
  const groups = new Map<string, Group>();
  budgets.forEach((budget, i) => {
    const fixed = SCOPE_DIMENSIONS.filter((d) => budget.scope[d] !== undefined && budget.scope[d] !== "*");
    const stars = SCOPE_DIMENSIONS.filter((d) => budget.scope[d] === "*");
    const shape = `${fixed.join(",")}|${stars.join(",")}`;
    let g = groups.get(shape);
    if (!g) {
      g = { fixed, stars, byValues: new Map() };
      groups.set(shape, g);
    }
    const values = JSON.stringify(fixed.map((d) => budget.scope[d]));
    g.byValues.set(values, [...(g.byValues.get(values) ?? []), i]);
  });
  const all = [...groups.values()];
  return (call) => {
    const hits: number[] = [];
    const valueFor = new Map<number, string>();
    for (const g of all) {
      if (![...g.fixed, ...g.stars].every((d) => call[d] !== undefined && call[d] !== "")) continue;
      const found = g.byValues.get(JSON.stringify(g.fixed.map((d) => call[d])));
      if (!found) continue;
      const scopeValue = g.stars.length > 0 ? call[g.stars[g.stars.length - 1]!]! : "";
      for (const i of found) {
        hits.push(i);
        valueFor.set(i, scopeValue);
      }
    }
    return hits.sort((a, b) => a - b).map((i) => ({ budget: budgets[i]!, scopeValue: valueFor.get(i)! }));
  };
}
