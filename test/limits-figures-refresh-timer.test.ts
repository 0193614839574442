// The refresher's own timer (lib/limits/refresh-cap-figures.ts), in real time: started by the first
// check, it reads a copy in use again once it is a second old, unprompted; stopped, it no longer
// does. Spend is written behind the API's back (no version bump), so a check shows the new figure
// only from Postgres: before the copy's 2 s age limit, that means the timer read it again. The
// margins are 0.6-0.7 s either side of the timer's nominal 1.0-1.1 s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLimits } from "@/lib/limits/check-limits";
import { stopFiguresRefresh } from "@/lib/limits/refresh-cap-figures";
import { bumpValueVersions } from "@/lib/redis/cap-versions";
import { redis } from "@/lib/redis/connection";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg } from "./support/budget-helpers";
import { cappedBudget, sneakSpendRow } from "./support/cap-helpers";
import { closeConnections } from "./support/close-connections";

afterAll(closeConnections);
beforeAll(async () => {
  await redis().ping();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spentOf = async (org: OrgContext) => (await checkLimits(org, { team: "timed" })).budgets[0]!.spent;

describe("limits: the figures refresher's timer", () => {
  it("started by a check, reads a used copy again a second later; once stopped, it does not", async () => {
    const org = await budgetOrg("figures-timer");
    const b = await cappedBudget(org, { team: "timed" }, { team: "timed" }, { name: "t", amount: "10" });
    const sneak = (pico: bigint) => sneakSpendRow(org.orgId, b, "", pico);
    const kept = Date.now();
    expect(await spentOf(org)).toBe("0"); // read from Postgres and kept (read at `kept` or later)
    expect(await spentOf(org)).toBe("0"); // used
    await sneak(2_500_000_000_000n);
    let seen = "0";
    while (seen === "0" && Date.now() - kept < 1_900) {
      await sleep(50);
      seen = (await spentOf(org)) as string;
    }
    expect(seen).toBe("2.5");
    expect(Date.now() - kept).toBeLessThan(2_000); // before the copy could expire: the timer read it

    stopFiguresRefresh();
    await bumpValueVersions(org.orgId, [{ budgetId: b.id, periodStart: b.periodStart, scopeValue: "" }]);
    const read = Date.now();
    expect(await spentOf(org)).toBe("2.5"); // the bump: read from Postgres again, kept
    expect(await spentOf(org)).toBe("2.5"); // used
    await sneak(4_000_000_000_000n);
    await sleep(1_400);
    expect(await spentOf(org)).toBe("2.5"); // the copy, not read again
    expect(Date.now() - read).toBeLessThan(2_000);
  });
});
