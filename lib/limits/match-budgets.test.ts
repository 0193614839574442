import { describe, expect, it } from "vitest";
import { budgetMatcher, matchBudgets } from "./match-budgets";

const b = (name: string, scope: Record<string, string>) => ({ name, scope });
const budgets = [
  b("org", {}),
  b("search", { team: "search" }),
  b("search-answers", { team: "search", feature: "answers" }),
  b("growth", { team: "growth" }),
  b("each-customer", { customer: "*" }),
  b("each-user-of-search", { team: "search", endUser: "*" }),
  b("key", { apiKey: "key_1" }),
];
const names = (call: Record<string, string>) => matchBudgets(budgets, call).map((m) => [m.budget.name, m.scopeValue]);

describe("matchBudgets", () => {
  it("covers a call with every budget whose scope it falls in, with the value of the '*' dimension", () => {
    expect(names({ team: "search", feature: "answers", customer: "acme", endUser: "u_42" })).toEqual([
      ["org", ""],
      ["search", ""],
      ["search-answers", ""],
      ["each-customer", "acme"],
      ["each-user-of-search", "u_42"],
    ]);
  });

  it("a fixed value must be equal; a '*' needs the call to carry a value", () => {
    expect(names({ team: "growth" })).toEqual([
      ["org", ""],
      ["growth", ""],
    ]);
    expect(names({ team: "search", customer: "" })).toEqual([
      ["org", ""],
      ["search", ""],
    ]);
    expect(names({ feature: "answers" })).toEqual([["org", ""]]);
    expect(names({ apiKey: "key_1", team: "Search" })).toEqual([
      ["org", ""],
      ["key", ""],
    ]);
  });
});

describe("budgetMatcher", () => {
  it("matches exactly as the plain scan, on random budgets and calls", () => {
    // The plain scan (matchBudgets) is the oracle: a test per budget, as a reviewer reads it.
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n); // the high bits: an LCG's low bits cycle quickly
    };
    const dims = ["team", "feature", "customer", "endUser", "apiKey"] as const;
    const pick = () => ["a", "b", "c", "*", ""][rnd(5)]!;
    for (let round = 0; round < 50; round++) {
      const set = Array.from({ length: 1 + rnd(60) }, (_, i) => {
        const scope: Record<string, string> = {};
        for (const d of dims) if (rnd(3) === 0) scope[d] = pick();
        return b(`b${i}`, scope);
      });
      const match = budgetMatcher(set);
      for (let c = 0; c < 40; c++) {
        const call: Record<string, string> = {};
        for (const d of dims) if (rnd(4) !== 0) call[d] = ["a", "b", "c", ""][rnd(4)]!;
        expect(match(call)).toEqual(matchBudgets(set, call));
      }
    }
  });
});
