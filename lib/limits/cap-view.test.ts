// The check's answer per key (checkedCap): worked out once per figures object and key, reused while
// both are the same objects, worked out anew when either changes. Expected views by hand: a $2.50
// cap with $1.25 spent and $0.25 reserved has $1.00 left.
import { describe, expect, it } from "vitest";
import type { BudgetRow } from "@/lib/budgets/budget-row";
import type { CapKey } from "./cap-budgets";
import { checkedCap } from "./cap-view";
import type { CapFigures } from "./held-spend";

const USD = 1_000_000_000_000n;
const budget = (amountPico: bigint, name = "cap", scope: Record<string, string> = { team: "t" }) =>
  ({ id: "b1", name, scope, period: "month", amountPico }) as unknown as BudgetRow;
const period = () => ({ start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") });
const figures = (spentPico: bigint, reservedPico = USD / 4n): CapFigures => ({
  spentPico,
  reservedPico,
  overridePico: 0n,
  nextExpiry: null,
});

describe("checkedCap", () => {
  it("works out room and view from the figures", () => {
    const c = checkedCap(
      { budget: budget((5n * USD) / 2n), period: period(), scopeValue: "" },
      figures((5n * USD) / 4n),
    );
    expect(c.room).toBe(USD);
    expect(c.view).toMatchObject({ amount: "2.5", spent: "1.25", reserved: "0.25", remaining: "1", capped: false });
  });

  it("reuses the answer for the same figures and key, and not across keys or figures", () => {
    const key: CapKey = { budget: budget(2n * USD), period: period(), scopeValue: "" };
    const f = figures(USD);
    const first = checkedCap(key, f);
    // The same objects (a key is made anew per call from the same budget and period objects).
    expect(checkedCap({ ...key }, f)).toBe(first);
    // Another figures object with other spend: worked out anew.
    expect(checkedCap(key, figures(2n * USD)).view).toMatchObject({ spent: "2", remaining: "0", capped: true });
    // The same figures object, the key differing from the one last worked out in one part only.
    const viewAfterKey = (other: CapKey) => {
      checkedCap(key, f);
      return checkedCap(other, f).view;
    };
    expect(viewAfterKey({ ...key, budget: budget(3n * USD) }).amount).toBe("3");
    expect(viewAfterKey({ ...key, budget: budget(2n * USD, "renamed") }).name).toBe("renamed");
    const next = { start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z") };
    expect(viewAfterKey({ ...key, period: next }).periodStart).toBe("2026-12-01T00:00:00.000Z");
    expect(viewAfterKey({ ...key, scopeValue: "acme" }).scopeValue).toBe("acme");
  });

  it("keeps no answer for a key of a budget that counts each value apart", () => {
    // Their figures objects live as long as the value snapshot: a kept answer per value would grow
    // with every value called. Worked out each time, with the same result.
    const perUser: CapKey = { budget: budget(USD, "per user", { endUser: "*" }), period: period(), scopeValue: "u_1" };
    const f = figures(USD / 2n, 0n);
    const first = checkedCap(perUser, f);
    const again = checkedCap(perUser, f);
    expect(again).not.toBe(first);
    expect(again.view).toEqual(first.view);
    expect(again.view).toMatchObject({ scopeValue: "u_1", spent: "0.5", remaining: "0.5", capped: false });
    // A fixed scope in the same budget shape keeps its answer.
    const perTeam: CapKey = { ...perUser, budget: budget(USD, "team", { team: "t", endUser: "u_1" }) };
    expect(checkedCap(perTeam, f)).toBe(checkedCap(perTeam, f));
  });
});
