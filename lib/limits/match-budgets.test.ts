import { describe, expect, it } from "vitest";
import { matchBudgets } from "./match-budgets";

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
