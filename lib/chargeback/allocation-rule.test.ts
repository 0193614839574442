// The allocation rule's validation (lib/chargeback/allocation-rule.ts): fixed percentages must add up
// to exactly 100 (to the sixth decimal), each is a percentage with at most 6 decimals and at most 100;
// markups use the same percentage. Expected outcomes are worked out by hand.
import { describe, expect, it } from "vitest";
import { ALLOCATION_METHODS, allocationRuleSchema, markupsSchema } from "./allocation-rule";

const issues = (v: unknown, schema: typeof allocationRuleSchema | typeof markupsSchema = allocationRuleSchema) => {
  const r = schema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
};

describe("allocationRuleSchema", () => {
  it("accepts each method; percents are only required for fixed", () => {
    expect(ALLOCATION_METHODS).toEqual(["even", "proportional", "fixed", "requests", "tokens"]);
    for (const method of ["even", "proportional", "requests", "tokens"])
      expect(allocationRuleSchema.parse({ method })).toEqual({ method });
    expect(issues({ method: "evenly" }).map(([p]) => p)).toEqual(["method"]);
    expect(issues({ method: "even", extra: 1 }).length).toBe(1); // strict: unknown keys refused
  });

  it("fixed: percents required, adding up to exactly 100", () => {
    expect(issues({ method: "fixed" })).toEqual([["percents", "required for method fixed"]]);
    expect(issues({ method: "fixed", percents: {} })).toEqual([["percents", "required for method fixed"]]);
    // 33.333333 + 33.333333 + 33.333334 = 100.000000 exactly
    const ok = { method: "fixed", percents: { a: "33.333333", b: "33.333333", c: "33.333334" } };
    expect(allocationRuleSchema.parse(ok)).toEqual(ok);
    expect(allocationRuleSchema.parse({ method: "fixed", percents: { a: "100" } })).toEqual({
      method: "fixed",
      percents: { a: "100" },
    });
    // 33.333333 * 3 = 99.999999: one millionth short
    expect(issues({ method: "fixed", percents: { a: "33.333333", b: "33.333333", c: "33.333333" } })).toEqual([
      ["percents", "must add up to exactly 100"],
    ]);
    // 60 + 40.000001 = 100.000001: one millionth over
    expect(issues({ method: "fixed", percents: { a: "60", b: "40.000001" } })).toEqual([
      ["percents", "must add up to exactly 100"],
    ]);
  });

  it("a percentage: digits with at most 6 decimals, at most 100", () => {
    const pct = (v: string) => issues({ method: "fixed", percents: { a: v, b: "0" } });
    expect(pct("100.000000")).toEqual([]);
    expect(pct("100.000001")).toEqual([
      ["percents.a", "at most 100"],
      ["percents", "must add up to exactly 100"],
    ]);
    const format = 'a percentage with at most 6 decimals, e.g. "12.5"';
    expect(pct("50.1234567")[0]).toEqual(["percents.a", format]); // 7 decimals
    expect(pct("1000")[0]).toEqual(["percents.a", format]); // 4 digits
    expect(pct("x50")[0]).toEqual(["percents.a", format]); // anchored at the start
    expect(pct("50x")[0]).toEqual(["percents.a", format]); // and at the end
    expect(pct(".5")[0]).toEqual(["percents.a", format]); // a digit before the point
    expect(pct("5.")[0]).toEqual(["percents.a", format]); // a digit after it
    expect(pct("-5")[0]).toEqual(["percents.a", format]);
    // A party key of 1 to 200 characters (the issue is on the key: path "percents.<key>").
    expect(issues({ method: "fixed", percents: { "": "100" } }).map(([p]) => p)).toEqual(["percents."]);
    expect(issues({ method: "fixed", percents: { ["p".repeat(201)]: "100" } }).map(([p]) => p)).toEqual([
      `percents.${"p".repeat(201)}`,
    ]);
    expect(issues({ method: "fixed", percents: { ["p".repeat(200)]: "100" } })).toEqual([]);
  });
});

describe("markupsSchema", () => {
  it("a percentage per party, at most 100", () => {
    expect(markupsSchema.parse({ search: "12.5", growth: "100" })).toEqual({ search: "12.5", growth: "100" });
    expect(issues({ search: "100.5" }, markupsSchema)).toEqual([["search", "at most 100"]]);
    expect(issues({ search: "1.1234567" }, markupsSchema)).toEqual([
      ["search", 'a percentage with at most 6 decimals, e.g. "12.5"'],
    ]);
  });
});
