// The active-end-users range (GET /api/orgs/:org/active-end-users): the count scans raw events, so
// the range is bounded. Expected messages and limits as the contract states them.
import { describe, expect, it } from "vitest";
import { activeEndUsersQuery, MAX_ACTIVE_END_USERS_DAYS } from "@/lib/rollups/count-active-end-users";

const issues = (q: Record<string, unknown>) => {
  const r = activeEndUsersQuery.safeParse(q);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("active end users range", () => {
  const from = "2026-01-01T00:00:00Z";
  it("needs from before to", () => {
    expect(issues({ from, to: from })).toEqual(["from: must be before to"]);
    expect(issues({ from, to: "2025-12-31T23:59:59.999Z" })).toEqual(["from: must be before to"]);
    expect(issues({ from, to: "2026-01-01T00:00:00.001Z" })).toEqual([]);
  });
  it("allows at most 400 days", () => {
    expect(MAX_ACTIVE_END_USERS_DAYS).toBe(400);
    expect(issues({ from, to: "2027-02-05T00:00:00Z" })).toEqual([]); // 365 + 35 = 400 days
    expect(issues({ from, to: "2027-02-05T00:00:00.001Z" })).toEqual(["from: range is limited to 400 days"]);
    expect(issues({ from: "0000-01-01T00:00:00Z", to: "9999-12-31T00:00:00Z" })).toEqual([
      "from: range is limited to 400 days",
    ]);
  });
  it("needs both ends as ISO date-times, and nothing else", () => {
    expect(issues({ from })).toEqual(["to: Invalid input: expected string, received undefined"]);
    expect(issues({ from, to: "yesterday" })).toContain("to: Invalid ISO datetime");
    expect(issues({ from, to: "2026-01-02T00:00:00Z", orgId: "x" })).toHaveLength(1);
  });
});
