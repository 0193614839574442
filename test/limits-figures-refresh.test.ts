// The background refresh of the per-process copies of cap figures (lib/limits/refresh-cap-figures.ts)
// against the run's real Postgres and Redis. Spend is written behind the API's back (no version
// bump, as a writer dead before its bump): a check that still shows the old figure was answered
// from the copy, one that shows the new figure read Postgres, or a copy the refresher read again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkLimits } from "@/lib/limits/check-limits";
import { FIGURES_REFRESH_AFTER_MS, refreshDueCopies, stopFiguresRefresh } from "@/lib/limits/refresh-cap-figures";
import type { BudgetRow } from "@/lib/budgets/budget-row";
import { versionKeysOf } from "@/lib/limits/caps-for";
import { orgVersionKey } from "@/lib/redis/cap-versions";
import { redis } from "@/lib/redis/connection";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg } from "./support/budget-helpers";
import { type CappedBudget, cappedBudget, sneakSpendRow } from "./support/cap-helpers";
import { closeConnections } from "./support/close-connections";

afterAll(closeConnections);
beforeAll(async () => {
  stopFiguresRefresh(); // the tests run the passes, on the clock they pass
  await redis().ping();
});
// No copy a previous test used is due in this one.
beforeEach(async () => {
  await refreshDueCopies(Date.now() + 60_000);
});

const teamBudget = (org: OrgContext, team: string) =>
  cappedBudget(org, { team }, { team }, { name: team, amount: "10" });

/** The budget's spend as an evaluation would save it, without the version bump that follows. */
const sneakSpend = (org: OrgContext, b: CappedBudget, pico: bigint) => sneakSpendRow(org.orgId, b, "", pico);

const spentOf = async (org: OrgContext, team: string) => (await checkLimits(org, { team })).budgets[0]!.spent;

describe("limits: copies of cap figures read again in the background", () => {
  it("a copy used since it was read is read again once a second old; one not used is left to expire", async () => {
    expect(FIGURES_REFRESH_AFTER_MS).toBe(1_000);
    const org = await budgetOrg("figures-refresh");
    const used = await teamBudget(org, "used");
    const idle = await teamBudget(org, "idle");
    // The budgets are made: these checks read Postgres and keep copies; "used" is checked again.
    expect(await spentOf(org, "used")).toBe("0");
    expect(await spentOf(org, "idle")).toBe("0");
    expect(await spentOf(org, "used")).toBe("0");
    await sneakSpend(org, used, 2_500_000_000_000n);
    await sneakSpend(org, idle, 1_250_000_000_000n);
    // Before a second has passed nothing is due: the copies still answer the old figure.
    expect(await refreshDueCopies(Date.now() + FIGURES_REFRESH_AFTER_MS - 300)).toBe(0);
    expect(await spentOf(org, "used")).toBe("0");
    // A second later the used copy is read again (the idle one, never used since, is not).
    expect(await refreshDueCopies(Date.now() + FIGURES_REFRESH_AFTER_MS)).toBe(1);
    expect(await spentOf(org, "used")).toBe("2.5");
    expect(await spentOf(org, "idle")).toBe("0");
    // Both copies were used just now (the new one of "used", the old one of "idle"): both are read
    // again, once; a further pass has nothing until a check uses a copy again.
    expect(await refreshDueCopies(Date.now() + FIGURES_REFRESH_AFTER_MS)).toBe(2);
    expect(await refreshDueCopies(Date.now() + FIGURES_REFRESH_AFTER_MS)).toBe(0);
    expect(await spentOf(org, "idle")).toBe("1.25");
  });

  it("a copy whose versions are gone from Redis is not read again (the checks create them)", async () => {
    const org = await budgetOrg("figures-refresh-flushed");
    const b = await teamBudget(org, "flushed");
    expect(await spentOf(org, "flushed")).toBe("0");
    expect(await spentOf(org, "flushed")).toBe("0"); // used
    await sneakSpend(org, b, 3_000_000_000_000n);
    const keys = await redis().keys(`*${org.orgId}*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis().del(...keys);
    expect(await refreshDueCopies(Date.now() + FIGURES_REFRESH_AFTER_MS)).toBe(0);
    // The check creates fresh versions, so the old copy is not used: Postgres says 3.
    expect(await spentOf(org, "flushed")).toBe("3");
  });

  it("a copy is not read again when one of its three versions is gone (organisation, period or value)", async () => {
    const org = await budgetOrg("figures-refresh-partial");
    const b = await teamBudget(org, "partial");
    const [periodKey, valueKey] = versionKeysOf(org.orgId, [
      { budget: { id: b.id } as BudgetRow, period: { start: b.periodStart, end: b.periodEnd }, scopeValue: "" },
    ]);
    for (const gone of [orgVersionKey(org.orgId), periodKey!, valueKey!]) {
      // A check after the organisation's version was created again reads the budget list and keeps no
      // copy; the next keeps one, the one after uses it.
      for (let i = 0; i < 3; i++) expect(await spentOf(org, "partial")).toBe("0");
      expect(await redis().del(gone)).toBe(1);
      expect(await refreshDueCopies(Date.now() + FIGURES_REFRESH_AFTER_MS)).toBe(0);
    }
  });
});
