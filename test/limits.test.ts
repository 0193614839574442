// The limits API's core against real Postgres: reserve (atomic under concurrency), settle through
// ingest (once), release, expiry, the check, and tenant isolation. Expected figures are worked out
// by hand from the house model's price (1 token = $0.000001).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget } from "@/lib/budgets";
import { evaluateOrgBudgets } from "@/lib/budgets/evaluate-org-budgets";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { onBudgetEvent, type BudgetEvent } from "@/lib/budgets/publish-budget-event";
import { updateBudget } from "@/lib/budgets";
import { checkLimits } from "@/lib/limits/check-limits";
import { expireReservations, releaseReservation } from "@/lib/limits/release-reservation";
import { reserveSpend } from "@/lib/limits/reserve-spend";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { budgetOrg, costing } from "./support/budget-helpers";
import { valueVersionsOf } from "./support/cap-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const cap = (org: Awaited<ReturnType<typeof budgetOrg>>, amount: string, scope: Record<string, string> = {}) =>
  createBudget(org, { name: `cap ${JSON.stringify(scope)}`, scope, period: "month", amount, hardCap: true });
const aMinuteAgo = () => new Date(Date.now() - 60_000);
const status = async (orgId: string, id: string) =>
  (await pgPool().query(`SELECT status FROM reservations WHERE "orgId" = $1 AND id = $2`, [orgId, id])).rows[0]?.status;

describe("limits: reserve, settle, release", () => {
  it("100 concurrent reservations of $0.03 against a $1.00 cap: exactly 33 granted, never more than the cap", async () => {
    const org = await budgetOrg("limits-race");
    await cap(org, "1.00");
    const results = await Promise.all(
      Array.from({ length: 100 }, () => reserveSpend(org, { team: "search", estimatedCost: "0.03" })),
    );
    const granted = results.filter((r) => r.allowed);
    expect(granted).toHaveLength(33); // 33 x 0.03 = 0.99; a 34th would make 1.02
    const refused = results.find((r) => !r.allowed);
    expect(refused).toMatchObject({ allowed: false, budget: { amount: "1", reserved: "0.99", remaining: "0.01" } });
    const held = await pgPool().query(`SELECT sum("amountPico")::text AS s FROM reservation_holds WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    expect(held.rows[0].s).toBe("990000000000");
  });

  it("two reservations that read the figures together: the second waits for the first's lock, then sees its hold and is refused", async () => {
    const org = await budgetOrg("limits-lock");
    await cap(org, "1.00");
    // Another transaction keeps holds from being written (reads go on): a reservation that read the
    // figures and grants waits at its insert, still holding its key's lock.
    const blocker = await pgPool().connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE reservation_holds IN EXCLUSIVE MODE");
      const both = Promise.all([
        reserveSpend(org, { estimatedCost: "0.60" }),
        reserveSpend(org, { estimatedCost: "0.60" }),
      ]);
      // Both calls are inside burnrate_reserve_batch and waiting (at the insert, or for the first one's lock).
      let waiting = 0;
      for (let i = 0; i < 500 && waiting < 2; i++) {
        const { rows } = await pgPool().query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
              AND wait_event_type = 'Lock' AND query LIKE '%burnrate_reserve_batch(%'`,
        );
        waiting = rows[0]!.n;
        if (waiting < 2) await new Promise((done) => setTimeout(done, 10));
      }
      expect(waiting).toBe(2);
      await blocker.query("COMMIT");
      // $0.60 + $0.60 = $1.20 > $1.00: exactly one is granted, the other refused with $0.40 left.
      const results = await both;
      expect(results.map((r) => r.allowed).sort()).toEqual([false, true]);
      expect(results.find((r) => !r.allowed)).toMatchObject({ budget: { reserved: "0.6", remaining: "0.4" } });
    } finally {
      await blocker.query("ROLLBACK").catch(() => {});
      blocker.release();
    }
  });

  it("an event carrying the reservation settles it once: its actual cost replaces the estimate, a retry changes nothing", async () => {
    const org = await budgetOrg("limits-settle");
    await cap(org, "1.00", { team: "search" });
    const r = await reserveSpend(org, { team: "search", estimatedCost: "0.50" });
    if (!r.allowed || r.reservationId === null) throw new Error("refused");
    expect((await checkLimits(org, { team: "search" })).budgets[0]).toMatchObject({ spent: "0", reserved: "0.5" });

    const event = costing("0.20", aMinuteAgo(), { team: "search", reservationId: r.reservationId });
    expect((await ingestBatch(org.orgId, [event], {})).accepted).toBe(1);
    expect(await status(org.orgId, r.reservationId)).toBe("settled");
    // Not in the rollups yet: the settled hold keeps the actual cost (0.20), not the estimate.
    expect((await checkLimits(org, { team: "search" })).budgets[0]).toMatchObject({ spent: "0", reserved: "0.2" });

    await foldDeltas(org.orgId);
    await evaluateOrgBudgets(org.orgId);
    // In the rollups now: counted once, as spend.
    expect((await checkLimits(org, { team: "search" })).budgets[0]).toMatchObject({
      spent: "0.2",
      reserved: "0",
      remaining: "0.8",
    });
    expect((await ingestBatch(org.orgId, [event], {})).duplicates).toBe(1);
    await foldDeltas(org.orgId);
    await evaluateOrgBudgets(org.orgId);
    expect((await checkLimits(org, { team: "search" })).budgets[0]).toMatchObject({ spent: "0.2", reserved: "0" });
  });

  it("release returns the room at once; an expired reservation stops holding and is recorded as expired", async () => {
    const org = await budgetOrg("limits-release");
    await cap(org, "1.00");
    const r = await reserveSpend(org, { estimatedCost: "0.70" });
    if (!r.allowed || r.reservationId === null) throw new Error("refused");
    expect((await reserveSpend(org, { estimatedCost: "0.40" })).allowed).toBe(false);
    expect(await releaseReservation(org, { reservationId: r.reservationId })).toEqual({ status: "released" });
    expect(await releaseReservation(org, { reservationId: r.reservationId })).toEqual({ status: "released" });
    expect((await reserveSpend(org, { estimatedCost: "0.40" })).allowed).toBe(true);

    // Made two minutes ago with one minute to live: already expired.
    const old = await reserveSpend(org, { estimatedCost: "0.60", ttlSeconds: 60 }, new Date(Date.now() - 120_000));
    if (!old.allowed || old.reservationId === null) throw new Error("refused");
    expect((await checkLimits(org, {})).budgets[0]).toMatchObject({ reserved: "0.4", remaining: "0.6" });
    expect(await expireReservations()).toBeGreaterThanOrEqual(1);
    expect(await status(org.orgId, old.reservationId)).toBe("expired");
  });

  it("a check that kept the figures sees a release at once (the release bumps the versions of what it held)", async () => {
    const org = await budgetOrg("limits-release-bump");
    await cap(org, "1.00", { customer: "*" });
    await cap(org, "1.00", { team: "t" });
    const call = { team: "t", customer: "acme" };
    const r = await reserveSpend(org, { ...call, estimatedCost: "0.25" });
    if (!r.allowed || r.reservationId === null) throw new Error("refused");
    // Twice: the second check answers from this process's copies, tagged with the versions in Redis.
    expect((await checkLimits(org, call)).budgets.map((b) => b.reserved)).toEqual(["0.25", "0.25"]);
    expect((await checkLimits(org, call)).budgets.map((b) => b.reserved)).toEqual(["0.25", "0.25"]);
    const before = await valueVersionsOf(org, call);
    expect(await releaseReservation(org, { reservationId: r.reservationId })).toEqual({ status: "released" });
    const after = await valueVersionsOf(org, call);
    expect(after.map((v, i) => v !== null && v !== before[i])).toEqual([true, true]);
    expect((await checkLimits(org, call)).budgets.map((b) => b.reserved)).toEqual(["0", "0"]);
  });

  it("the check matches every hard-capped budget of the call and refuses with the one that is full", async () => {
    const org = await budgetOrg("limits-check");
    await cap(org, "10.00");
    const acme = await cap(org, "0.30", { customer: "*" });
    await createBudget(org, { name: "soft", period: "month", amount: "0.01" }); // not a hard cap: ignored
    const event = costing("0.30", aMinuteAgo(), { customer: "acme" });
    await ingestBatch(org.orgId, [event], {});
    await foldDeltas(org.orgId);
    await evaluateOrgBudgets(org.orgId);

    const acmeCheck = await checkLimits(org, { customer: "acme" });
    expect(acmeCheck.allowed).toBe(false);
    expect(acmeCheck.budgets.map((b) => [b.name, b.scopeValue, b.spent, b.capped])).toEqual([
      ["cap {}", null, "0.3", false],
      ['cap {"customer":"*"}', "acme", "0.3", true],
    ]);
    const refused = await reserveSpend(org, { customer: "acme", estimatedCost: "0.01" });
    expect(refused).toMatchObject({ allowed: false, budget: { id: acme.id, scopeValue: "acme" } });
    expect((await checkLimits(org, { customer: "globex" })).allowed).toBe(true);
    // The model and its most tokens price the reservation: 200,000 input tokens of house-7b = $0.20.
    const byModel = await reserveSpend(org, {
      customer: "globex",
      provider: "self-hosted",
      model: "house-7b",
      maxInputTokens: 200_000,
    });
    expect(byModel).toMatchObject({ allowed: true, amount: "0.2" });
  });

  it("isolates tenants: another organisation's reservation is not found, its holds do not count", async () => {
    const a = await budgetOrg("limits-a");
    const b = await budgetOrg("limits-b");
    await cap(a, "1.00");
    await cap(b, "1.00");
    const rb = await reserveSpend(b, { estimatedCost: "0.90" });
    if (!rb.allowed || rb.reservationId === null) throw new Error("refused");
    await expect(releaseReservation(a, { reservationId: rb.reservationId })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await checkLimits(a, {})).budgets[0]).toMatchObject({ reserved: "0", remaining: "1" });
    expect((await checkLimits(b, {})).budgets[0]).toMatchObject({ reserved: "0.9", remaining: "0.1" });

    await ingestBatch(a.orgId, [costing("0.10", aMinuteAgo(), { reservationId: rb.reservationId })], {});
    expect(await status(b.orgId, rb.reservationId)).toBe("open");
  });

  it("caps without reservations: reaching the amount caps the value once (budget.capped); raising it releases (budget.released)", async () => {
    const org = await budgetOrg("limits-capped");
    const budget = await cap(org, "0.50", { customer: "*" });
    const events: BudgetEvent[] = [];
    const off = onBudgetEvent((e) => e.orgId === org.orgId && events.push(e));
    try {
      await ingestBatch(
        org.orgId,
        [
          costing("0.30", aMinuteAgo(), { customer: "acme" }),
          costing("0.25", aMinuteAgo(), { customer: "acme" }), // acme: 0.55 >= 0.50
          costing("0.10", aMinuteAgo(), { customer: "globex" }),
        ],
        {},
      );
      await foldDeltas(org.orgId);
      await Promise.all([1, 2, 3, 4].map(() => evaluateOrgBudgets(org.orgId)));
      const capped = events.filter((e) => e.type === "budget.capped");
      expect(capped.map((e) => [e.data.scopeValue, e.data.spent, e.data.amount])).toEqual([["acme", "0.55", "0.5"]]);
      expect((await checkLimits(org, { customer: "acme" })).allowed).toBe(false);
      expect((await checkLimits(org, { customer: "globex" })).allowed).toBe(true);

      await updateBudget(org, budget.id, { amount: "1.00" });
      await Promise.all([1, 2].map(() => evaluateOrgBudgets(org.orgId)));
      expect(events.filter((e) => e.type === "budget.released").map((e) => e.data.scopeValue)).toEqual(["acme"]);
      expect((await checkLimits(org, { customer: "acme" })).allowed).toBe(true);
      await evaluateOrgBudgets(org.orgId);
      expect(events.map((e) => e.type).filter((t) => t !== "budget.threshold_reached")).toEqual([
        "budget.capped",
        "budget.released",
      ]);
    } finally {
      off();
    }
  });

  it("refuses bad input naming the field", async () => {
    const org = await budgetOrg("limits-input");
    await expect(reserveSpend(org, { team: "x" })).rejects.toMatchObject({
      code: "invalid_request",
      issues: [{ path: "estimatedCost" }],
    });
    await expect(reserveSpend(org, { model: "house-7b" })).rejects.toMatchObject({
      issues: [{ path: "maxOutputTokens" }],
    });
    await expect(reserveSpend(org, { estimatedCost: "-1" })).rejects.toMatchObject({
      issues: [{ path: "estimatedCost" }],
    });
  });

  it("100 concurrent callers reserving their most, settling their actual cost, until refused: spend stays within the cap", async () => {
    const org = await budgetOrg("limits-overshoot");
    await cap(org, "1.00", { team: "race" });
    // Each call may cost at most $0.030 and really costs $0.010-$0.030 (the caller's own choice,
    // summed here: the oracle). Reserve the most, call, settle with the event; stop when refused.
    const spentMicros: number[] = [];
    let seed = 42;
    const nextCost = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 10_000 + (seed % 20_001); // micro-dollars, 10,000-30,000
    };
    const caller = async () => {
      for (;;) {
        const r = await reserveSpend(org, { team: "race", estimatedCost: "0.03" });
        if (!r.allowed || r.reservationId === null) return;
        const micros = nextCost();
        spentMicros.push(micros);
        const usd = `0.${String(micros).padStart(6, "0")}`;
        const res = await ingestBatch(
          org.orgId,
          [costing(usd, aMinuteAgo(), { team: "race", reservationId: r.reservationId })],
          {},
        );
        if (res.accepted !== 1) throw new Error("event refused");
      }
    };
    await Promise.all(Array.from({ length: 100 }, caller));
    const total = spentMicros.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(1_000_000); // reservations hold each call's most: no overshoot at all
    expect(spentMicros.length).toBeGreaterThanOrEqual(33); // at least 33 of the most ($0.03) always fit in $1.00
    await foldDeltas(org.orgId);
    await evaluateOrgBudgets(org.orgId);
    const after = (await checkLimits(org, { team: "race" })).budgets[0]!;
    const exact = `0.${String(total).padStart(6, "0")}`.replace(/0+$/, "");
    expect(after.spent).toBe(total === 1_000_000 ? "1" : exact);
    expect(after.reserved).toBe("0");
  }, 120_000);
});
