import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addFixedCost,
  closeDuePeriods,
  closePeriod,
  getStatement,
  listStatements,
  saveChargebackSettings,
} from "@/lib/chargeback";
import { pgPool } from "@/lib/db/pg-pool";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg } from "./support/budget-helpers";
import { spendAt } from "./support/chargeback-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const byParty = (v: Awaited<ReturnType<typeof listStatements>>) =>
  Object.fromEntries(
    v.statements.map((s) => [
      s.party,
      { direct: s.direct, allocated: s.allocated, markup: s.markup, adjustment: s.adjustment, total: s.total },
    ]),
  );

/** search $3, growth $1, $2 without a team in August 2026 (UTC), and a $4 GPU fixed cost. */
async function augustOrg(label: string): Promise<OrgContext> {
  const org = await budgetOrg(label);
  await saveChargebackSettings(org, {
    partyDimension: "team",
    graceDays: 3,
    rule: { method: "proportional" },
    markups: { search: "10" },
  });
  await spendAt(org.orgId, [
    ["1", "2026-08-02T10:00:00Z", { team: "search", feature: "ask" }],
    ["2", "2026-08-20T10:00:00Z", { team: "search", feature: "rank" }],
    ["1", "2026-08-31T23:30:00Z", { team: "growth", feature: "chat" }],
    ["2", "2026-08-15T00:00:00Z"],
    ["7", "2026-09-01T00:00:00Z", { team: "search" }], // September: not in August
  ]);
  await addFixedCost(org, { period: "2026-08", name: "GPU cluster", amount: "4" });
  return org;
}

describe("chargeback statements", () => {
  it("previews an open period, closes it after the grace period: frozen, numbered, audited", async () => {
    const org = await augustOrg("cb-close");
    // Worked by hand: shared 2 + 4 = 6, split 3:1 by direct spend -> search 4.5, growth 1.5;
    // search 3 + 4.5 = 7.5 plus 10% markup 0.75 = 8.25; growth 1 + 1.5 = 2.5.
    const expected = {
      growth: { direct: "1", allocated: "1.5", markup: "0", adjustment: "0", total: "2.5" },
      search: { direct: "3", allocated: "4.5", markup: "0.75", adjustment: "0", total: "8.25" },
    };
    const preview = await listStatements(org.orgId, "2026-08");
    expect(preview.status).toBe("open");
    expect(byParty(preview)).toEqual(expected);
    expect(preview.shared).toEqual({ usage: "2", fixed: "4", unallocated: "0" });
    expect(preview.closesAt.toISOString()).toBe("2026-09-04T00:00:00.000Z");

    expect(await closePeriod(org.orgId, "2026-08", new Date("2026-09-03T23:59:59Z"))).toMatchObject({
      status: "not_due",
    });
    const closed = await closePeriod(org.orgId, "2026-08", new Date("2026-09-04T00:00:00Z"));
    expect(closed.status).toBe("closed");
    const view = await listStatements(org.orgId, "2026-08");
    expect(view.status).toBe("closed");
    expect(byParty(view)).toEqual(expected);
    expect(view.statements.map((s) => [s.party, s.number])).toEqual([
      ["growth", "CB-000001"],
      ["search", "CB-000002"],
    ]);
    const search = view.statements.find((s) => s.party === "search")!;
    expect(
      search.lines.filter((l) => l.kind === "usage").map((l) => [l.feature, l.model, l.inputTokens, l.cost]),
    ).toEqual([
      ["ask", "house-7b", 1_000_000, "1"],
      ["rank", "house-7b", 2_000_000, "2"],
    ]);
    expect(search.lines.filter((l) => l.kind === "allocated").map((l) => l.cost)).toEqual(["1.5", "3"]);

    // Once only, whatever the retries; the statement rows refuse any change; the period's costs are frozen.
    expect(await closePeriod(org.orgId, "2026-08", new Date("2026-09-05T00:00:00Z"))).toMatchObject({
      status: "already_closed",
    });
    await expect(
      pgPool().query(`UPDATE chargeback_statements SET "totalPico" = 0 WHERE "orgId" = $1`, [org.orgId]),
    ).rejects.toThrow(/cannot be changed/);
    await expect(addFixedCost(org, { period: "2026-08", name: "late", amount: "1" })).rejects.toMatchObject({
      code: "conflict",
    });
    const audit = await pgPool().query(
      `SELECT action, "targetId" FROM audit_logs WHERE "orgId" = $1 AND action = 'chargeback.period_closed'`,
      [org.orgId],
    );
    expect(audit.rows).toEqual([{ action: "chargeback.period_closed", targetId: "2026-08" }]);
  });

  it("closing twice at once closes once", async () => {
    const org = await augustOrg("cb-race");
    const at = new Date("2026-09-10T00:00:00Z");
    const results = await Promise.all([1, 2, 3].map(() => closePeriod(org.orgId, "2026-08", at)));
    expect(results.map((r) => r.status).sort()).toEqual(["already_closed", "already_closed", "closed"]);
    const n = await pgPool().query(`SELECT count(*)::int AS n FROM chargeback_statements WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    expect(n.rows[0].n).toBe(2);
  });

  it("late usage after closing becomes an adjustment on the next statement; the closed one never changes", async () => {
    const org = await augustOrg("cb-late");
    await closePeriod(org.orgId, "2026-08", new Date("2026-09-04T00:00:00Z"));
    const before = (await listStatements(org.orgId, "2026-08")).statements;
    // A late August event for search ($1), and September spend of growth ($2) beside search's $7.
    await spendAt(org.orgId, [
      ["1", "2026-08-25T12:00:00Z", { team: "search", feature: "ask" }],
      ["2", "2026-09-10T12:00:00Z", { team: "growth" }],
    ]);
    expect((await listStatements(org.orgId, "2026-08")).statements).toEqual(before);
    const search = before.find((s) => s.party === "search")!;
    expect((await getStatement(org.orgId, search.id!)).total).toBe("8.25");

    // August recomputed: search 4 + 6*4/5 = 8.8, +10% = 9.68 (was 8.25: +1.43);
    // growth 1 + 1.2 = 2.2 (was 2.5: -0.3). September: search 7 + 10% = 7.7, growth 2.
    const sept = await closePeriod(org.orgId, "2026-09", new Date("2026-10-04T00:00:00Z"));
    expect(sept.status).toBe("closed");
    const view = await listStatements(org.orgId, "2026-09");
    expect(byParty(view)).toEqual({
      growth: { direct: "2", allocated: "0", markup: "0", adjustment: "-0.3", total: "1.7" },
      search: { direct: "7", allocated: "0", markup: "0.7", adjustment: "1.43", total: "9.13" },
    });
    const adj = view.statements.find((s) => s.party === "search")!.lines.find((l) => l.kind === "adjustment")!;
    expect(adj).toMatchObject({ sourcePeriod: "2026-08", cost: "1.43" });

    // Taken once: October carries no second adjustment for the same late event.
    await closePeriod(org.orgId, "2026-10", new Date("2026-11-04T00:00:00Z"));
    expect((await listStatements(org.orgId, "2026-10")).statements).toEqual([]);
  });

  it("closes every due period in order, respecting the grace days and the time zone", async () => {
    const org = await budgetOrg("cb-due");
    await pgPool().query(`UPDATE organizations SET "timeZone" = 'America/New_York' WHERE id = $1`, [org.orgId]);
    await saveChargebackSettings(org, { graceDays: 1 });
    // 2026-08-01T02:00Z is still July 31 in New York; 2026-09-01T03:00Z is still August.
    await spendAt(org.orgId, [
      ["1", "2026-08-01T02:00:00Z", { team: "a" }],
      ["2", "2026-09-01T03:00:00Z", { team: "a" }],
      ["4", "2026-09-15T03:00:00Z", { team: "a" }],
    ]);
    // August ends 2026-09-01T04:00Z in New York; one grace day: closes 2026-09-02T04:00Z.
    const results = await closeDuePeriods(org.orgId, new Date("2026-09-02T04:00:00Z"));
    expect(results.map((r) => [r.period, r.status])).toEqual([
      ["2026-07", "closed"],
      ["2026-08", "closed"],
    ]);
    expect((await listStatements(org.orgId, "2026-07")).statements.map((s) => s.total)).toEqual(["1"]);
    expect((await listStatements(org.orgId, "2026-08")).statements.map((s) => s.total)).toEqual(["2"]);
    expect(await closeDuePeriods(org.orgId, new Date("2026-10-02T03:59:59Z"))).toEqual([]);
    expect((await closeDuePeriods(org.orgId, new Date("2026-10-02T04:00:00Z"))).map((r) => r.period)).toEqual([
      "2026-09",
    ]);
  });

  it("an organisation's statements are invisible to another", async () => {
    const a = await augustOrg("cb-iso-a");
    const b = await budgetOrg("cb-iso-b");
    await closePeriod(a.orgId, "2026-08", new Date("2026-09-04T00:00:00Z"));
    const id = (await listStatements(a.orgId, "2026-08")).statements[0]!.id!;
    await expect(getStatement(b.orgId, id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listStatements(b.orgId, "2026-08")).statements).toEqual([]);
  });
});

describe("the chargeback job", () => {
  it("closes due periods of every organisation with usage, settings saved or not (the worker's schedule)", async () => {
    const { chargebackProcessor } = await import("@/workers/processors/chargeback");
    const { SCHEDULES } = await import("@/workers/registry");
    expect(SCHEDULES).toContainEqual(expect.objectContaining({ queue: "chargeback", id: "chargeback-close" }));
    const org = await augustOrg("cb-job");
    // Never saved chargeback settings: closed with the defaults (teams, proportional, 3 grace days).
    const defaults = await budgetOrg("cb-job-defaults");
    await spendAt(defaults.orgId, [
      ["1", "2026-08-02T00:00:00Z", { team: "x" }],
      ["3", "2026-08-03T00:00:00Z", { team: "y" }],
      ["2", "2026-08-04T00:00:00Z"], // shared: x takes 1/4 (0.5), y 3/4 (1.5)
    ]);
    const idle = await budgetOrg("cb-job-idle"); // no usage, no settings: nothing to close
    await chargebackProcessor.handle({}, {} as never);
    expect((await listStatements(org.orgId, "2026-08")).status).toBe("closed");
    const closed = await listStatements(defaults.orgId, "2026-08");
    expect(closed.status).toBe("closed");
    expect(closed.statements.map((s) => [s.party, s.total])).toEqual([
      ["x", "1.5"],
      ["y", "4.5"],
    ]);
    const { rows } = await pgPool().query(`SELECT 1 FROM chargeback_periods WHERE "orgId" = $1`, [idle.orgId]);
    expect(rows).toEqual([]);
  });
});
