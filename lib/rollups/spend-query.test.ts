import { describe, expect, it } from "vitest";
import { spendQuerySchema } from "./spend-query";

const parse = (q: Record<string, unknown>) => spendQuerySchema.safeParse(q);
const issues = (q: Record<string, unknown>) => {
  const r = parse(q);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("spend query parameters", () => {
  it("defaults to the 30 days before now, by day, ungrouped", () => {
    const before = Date.now();
    const q = spendQuerySchema.parse({});
    expect(q.granularity).toBe("day");
    expect(q.groupBy).toEqual([]);
    expect(q.filters).toEqual({});
    expect(q.to.getTime()).toBeGreaterThanOrEqual(before);
    expect(q.to.getTime() - q.from.getTime()).toBe(30 * 86_400_000);
    const to = "2026-03-01T00:00:00Z";
    expect(spendQuerySchema.parse({ to }).from.toISOString()).toBe("2026-01-30T00:00:00.000Z");
  });

  it("groups by up to two known dimensions, trimmed", () => {
    expect(spendQuerySchema.parse({ groupBy: " team , model ," }).groupBy).toEqual(["team", "model"]);
    expect(issues({ groupBy: "team,model,customer" })).toEqual(["groupBy: at most two dimensions"]);
    expect(issues({ groupBy: "orgId" })[0]).toMatch(/^groupBy: unknown dimension 'orgId' \(one of team, feature/);
  });

  it("filters by one or many values; (none) selects unattributed", () => {
    expect(spendQuerySchema.parse({ team: "a", customer: ["b", "(none)"] }).filters).toEqual({
      team: ["a"],
      customer: ["b", ""],
    });
    expect(issues({ team: Array.from({ length: 51 }, () => "x") })).toHaveLength(1);
    expect(issues({ team: "x".repeat(201) })).toHaveLength(1);
    expect(issues({ orgId: "other" })).toEqual([': Unrecognized key: "orgId"']);
  });

  it("needs from before to, and at most 400 days", () => {
    const from = "2026-01-01T00:00:00Z";
    expect(issues({ from, to: from })).toEqual(["from: must be before to"]);
    expect(issues({ from, to: "2027-02-05T00:00:00Z" })).toEqual([]); // exactly 400 days
    expect(issues({ from, to: "2027-02-05T00:00:00.001Z" })).toEqual(["from: range is limited to 400 days"]);
    expect(issues({ granularity: "minute" })).toHaveLength(1);
  });
});
