// The names of a key (keyNames) are the ones the Redis and copy modules make (compared with their
// own functions), made once per period object and value, and never lent across organisations or budgets.
import { describe, expect, it } from "vitest";
import type { BudgetRow } from "@/lib/budgets/budget-row";
import { changedValuesKey, periodVersionKey, valueVersionKey } from "@/lib/redis/cap-versions";
import type { CapKey } from "./cap-budgets";
import { figuresKey } from "./cap-figures-cache";
import { keyNames, MAX_NAMED_VALUES } from "./key-names";

const period = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };
const key = (budgetId: string, scopeValue: string, p = period): CapKey => ({
  budget: { id: budgetId } as BudgetRow,
  period: p,
  scopeValue,
});
const direct = (orgId: string, k: CapKey) => ({
  figures: figuresKey(orgId, k),
  periodVersion: periodVersionKey(orgId, k.budget.id, k.period.start),
  valueVersion: valueVersionKey(orgId, {
    budgetId: k.budget.id,
    periodStart: k.period.start,
    scopeValue: k.scopeValue,
  }),
  changedValues: changedValuesKey(orgId, k.budget.id, k.period.start),
});

describe("keyNames", () => {
  it("names a key as the modules that read the names do, once per period object and value", () => {
    const k = key("b1", "acme");
    expect(keyNames("org1", k)).toEqual(direct("org1", k));
    expect(keyNames("org1", key("b1", "acme"))).toBe(keyNames("org1", k));
    expect(keyNames("org1", key("b1", "globex"))).toEqual(direct("org1", key("b1", "globex")));
  });

  it("does not lend a period object's names to another organisation or budget", () => {
    const shared = { ...period };
    keyNames("org1", key("b1", "", shared));
    expect(keyNames("org2", key("b1", "", shared))).toEqual(direct("org2", key("b1", "", shared)));
    keyNames("org1", key("b1", "", shared));
    expect(keyNames("org1", key("b2", "", shared))).toEqual(direct("org1", key("b2", "", shared)));
  });

  it("keeps at most MAX_NAMED_VALUES values a period, and names the rest all the same", () => {
    const p = { ...period };
    for (let i = 0; i < MAX_NAMED_VALUES; i++) keyNames("org1", key("b1", `u${i}`, p));
    const past = key("b1", "u-past", p);
    expect(keyNames("org1", past)).toEqual(direct("org1", past));
    expect(keyNames("org1", past)).not.toBe(keyNames("org1", past));
    expect(keyNames("org1", key("b1", "u0", p))).toBe(keyNames("org1", key("b1", "u0", p)));
  });
});
