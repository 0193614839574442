// The budget evaluator at its boundaries (lib/budgets evaluate-budget-period, evaluate-org-budgets):
// a threshold reached at exactly its amount, several reached at once, a closed period, the mark, the
// sweeper's lists. Model house-7b costs exactly $1 per 1M input tokens (support/budget-helpers), so
// every figure below is worked out by hand in pico-dollars (1 USD = 10^12).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { createBudget } from "@/lib/budgets";
import { hourlySpendByValue, spendByValue } from "@/lib/budgets/budget-spend";
import { evaluateOrgBudgets, orgsWithStaleMarks, resolveEndedAlerts } from "@/lib/budgets/evaluate-org-budgets";
import { onBudgetEvent, type BudgetEvent } from "@/lib/budgets/publish-budget-event";
import { pgPool } from "@/lib/db/pg-pool";
import { periodVersionKey } from "@/lib/redis/cap-versions";
import { redis } from "@/lib/redis/connection";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { budgetOrg, costing, plusHours, spend, spendMany, utcDay } from "./support/budget-helpers";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);
let events: BudgetEvent[] = [];
const unsubscribe = onBudgetEvent((e) => events.push(e));
afterEach(() => {
  events = [];
});
afterAll(() => unsubscribe());

const crossings = async (orgId: string) =>
  (
    await pgPool().query(
      `SELECT "periodStart", threshold, "thresholdPico"::text AS t, "spentPico"::text AS s, notified, "alertId" IS NOT NULL AS alerted
         FROM budget_crossings WHERE "orgId" = $1 ORDER BY "periodStart", "thresholdPico"`,
      [orgId],
    )
  ).rows.map((r) => [r.periodStart.toISOString(), r.threshold, r.t, r.s, r.notified, r.alerted]);
const alerts = async (orgId: string) =>
  (
    await pgPool().query(
      `SELECT threshold, state, "spentPico"::text AS s, kind FROM alerts WHERE "orgId" = $1 ORDER BY "openedAt"`,
      [orgId],
    )
  ).rows.map((r) => [r.threshold, r.state, r.s, ...(r.kind === "threshold" ? [] : [r.kind])]);
const periodSpend = async (orgId: string) =>
  (
    await pgPool().query(
      `SELECT "periodStart", "spentPico"::text AS s, "scopeValue" AS v FROM budget_period_spend WHERE "orgId" = $1 ORDER BY 1, 3`,
      [orgId],
    )
  ).rows.map((r) => [r.periodStart.toISOString(), r.s, ...(r.v ? [r.v] : [])]);
const marks = async (orgId: string) =>
  (await pgPool().query(`SELECT count(*)::int AS n FROM budget_marks WHERE "orgId" = $1`, [orgId])).rows[0].n;

// Yesterday (UTC) is the open period: the evaluator runs "at" yesterday 20:00.
const y = utcDay(1);
const now = plusHours(y, 20);

describe("budget evaluation", () => {
  it("a threshold is reached at exactly its amount, not one pico-dollar below", async () => {
    const org = await budgetOrg("eval-boundary");
    await createBudget(org, { name: "d", period: "day", amount: "1", thresholds: [{ percent: 50 }] });
    await spend(org.orgId, "0.499999", plusHours(y, 1)); // 499,999 tokens: 499,999,000,000 pico
    expect(await evaluateOrgBudgets(org.orgId, now)).toEqual({ periods: 1, alerts: 0 });
    expect(await crossings(org.orgId)).toEqual([]);
    expect(await periodSpend(org.orgId)).toEqual([[y.toISOString(), "499999000000"]]);
    expect(await marks(org.orgId)).toBe(0); // the mark it read is cleared

    await spend(org.orgId, "0.000001", plusHours(y, 2)); // exactly 0.5 = 50% of 1
    expect(await evaluateOrgBudgets(org.orgId, now)).toEqual({ periods: 1, alerts: 1 });
    expect(await crossings(org.orgId)).toEqual([
      [y.toISOString(), "percent:50", "500000000000", "500000000000", true, true],
    ]);
    expect(await alerts(org.orgId)).toEqual([["percent:50", "open", "500000000000"]]);
    expect(events.map((e) => [e.type, e.data.spent, e.data.amount])).toEqual([
      ["budget.threshold_reached", "0.5", "1"],
    ]);
  });

  it("thresholds reached at once open one alert, at the highest; evaluating again adds nothing", async () => {
    const org = await budgetOrg("eval-highest");
    await createBudget(org, {
      name: "d",
      period: "day",
      amount: "1",
      thresholds: [{ percent: 100 }, { percent: 50 }, { amount: "0.8" }],
    });
    await spend(org.orgId, "0.85", plusHours(y, 3));
    expect(await evaluateOrgBudgets(org.orgId, now)).toEqual({ periods: 1, alerts: 1 });
    // 50% = 0.5 and 0.8 reached, 100% not; one alert, at 0.8 (the crossing it was opened for).
    expect(await crossings(org.orgId)).toEqual([
      [y.toISOString(), "percent:50", "500000000000", "850000000000", true, false],
      [y.toISOString(), "amount:0.8", "800000000000", "850000000000", true, true],
    ]);
    expect(await alerts(org.orgId)).toEqual([["amount:0.8", "open", "850000000000"]]);
    expect(events.map((e) => e.data.threshold)).toEqual([{ amount: "0.8" }]);
    expect(await evaluateOrgBudgets(org.orgId, now)).toEqual({ periods: 1, alerts: 0 });
    expect(await crossings(org.orgId)).toHaveLength(2);
    expect(events).toHaveLength(1);
  });

  it("evaluates every period from the mark's hour; a closed one records crossings but alerts nobody", async () => {
    const org = await budgetOrg("eval-closed");
    await createBudget(org, { name: "d", period: "day", amount: "1", thresholds: [{ percent: 100 }] });
    const before = utcDay(2);
    await spend(org.orgId, "1.2", plusHours(before, 3)); // late: the day before yesterday
    await spend(org.orgId, "0.3", plusHours(y, 3));
    expect(await evaluateOrgBudgets(org.orgId, now)).toEqual({ periods: 2, alerts: 0 });
    expect(await periodSpend(org.orgId)).toEqual([
      [before.toISOString(), "1200000000000"],
      [y.toISOString(), "300000000000"],
    ]);
    expect(await crossings(org.orgId)).toEqual([
      [before.toISOString(), "percent:100", "1000000000000", "1200000000000", false, false],
    ]);
    expect(await alerts(org.orgId)).toEqual([]);
    expect(events).toEqual([]);
    // Without a mark, only the period at `now`.
    expect(await evaluateOrgBudgets(org.orgId, now)).toEqual({ periods: 1, alerts: 0 });
  });

  it("a hard cap is recorded in the open period only: a closed period reaching its amount caps nothing", async () => {
    const org = await budgetOrg("eval-closed-cap");
    const b = await createBudget(org, { name: "d", period: "day", amount: "1", thresholds: [], hardCap: true });
    await spend(org.orgId, "1.2", plusHours(utcDay(2), 3)); // late, in the closed day before yesterday
    await spend(org.orgId, "1", plusHours(y, 3)); // exactly the amount in the open period
    await redis().ping(); // connected: a bump is not skipped as "Redis down"
    const version = () => redis().get(periodVersionKey(org.orgId, b.id, y));
    expect(await version()).toBeNull();
    expect(await evaluateOrgBudgets(org.orgId, now)).toEqual({ periods: 2, alerts: 1 });
    // The limits API's copies of the period's figures are stale: its version was bumped (a missing one is
    // set to a fresh random integer first, so it is never 1 again after a flush; lib/redis/cap-versions.ts).
    const bumped = await version();
    expect(bumped).toMatch(/^\d+$/);
    expect(Number(bumped)).toBeGreaterThan(1);
    expect(await crossings(org.orgId)).toEqual([
      [y.toISOString(), "cap", "1000000000000", "1000000000000", true, false],
    ]);
    expect(events.map((e) => [e.type, e.data.period.start])).toEqual([["budget.capped", y.toISOString()]]);
  });

  it("a period is over at exactly its end: a crossing found then alerts nobody", async () => {
    const org = await budgetOrg("eval-end");
    await createBudget(org, { name: "d", period: "day", amount: "1", thresholds: [{ percent: 100 }] });
    await spend(org.orgId, "1", plusHours(y, 5));
    // At today 00:00 the mark reaches back into yesterday: yesterday (over) and today (empty).
    expect(await evaluateOrgBudgets(org.orgId, utcDay(0))).toEqual({ periods: 2, alerts: 0 });
    expect(await crossings(org.orgId)).toEqual([
      [y.toISOString(), "percent:100", "1000000000000", "1000000000000", false, false],
    ]);
  });

  it("a scope with fixed values counts only their spend", async () => {
    const org = await budgetOrg("eval-fixed");
    await createBudget(org, { name: "t", period: "day", amount: "1", scope: { team: "a", customer: "c" } });
    await spendMany(org.orgId, [
      costing("0.3", plusHours(y, 1), { team: "a", customer: "c" }),
      costing("0.9", plusHours(y, 1), { team: "b", customer: "c" }),
      costing("0.7", plusHours(y, 1), { team: "a" }),
    ]);
    await evaluateOrgBudgets(org.orgId, now);
    expect(await periodSpend(org.orgId)).toEqual([[y.toISOString(), "300000000000"]]);
  });

  it('a "*" budget keeps a value only while it has spend: no value, zero cost and stale rows are left out', async () => {
    const org = await budgetOrg("eval-star");
    await createBudget(org, { name: "c", period: "day", amount: "1", scope: { customer: "*" } });
    await spendMany(org.orgId, [
      costing("0.4", plusHours(y, 1), { customer: "c1" }),
      costing("0.2", plusHours(y, 2), { customer: "c1" }),
      costing("0.9", plusHours(y, 1)), // nobody's
    ]);
    // c2's only event is unpriced: it has events but no cost.
    await ingestBatch(
      org.orgId,
      [{ ...costing("0", plusHours(y, 1), { customer: "c2" }), model: "no-such-model", inputTokens: 10 }],
      {},
    );
    await foldDeltas(org.orgId);
    // A value left from an earlier evaluation that no longer has spend (e.g. re-priced to zero).
    const { rows } = await pgPool().query(`SELECT id FROM budgets WHERE "orgId" = $1`, [org.orgId]);
    await pgPool().query(
      `INSERT INTO budget_period_spend ("orgId", "budgetId", "periodStart", "scopeValue", "periodEnd", "spentPico", "updatedAt", "foldedBefore")
       VALUES ($1, $2, $3, 'ghost', $4, 5, now() - interval '1 hour', now() - interval '1 hour')`,
      [org.orgId, rows[0].id, y, utcDay(0)],
    );
    await evaluateOrgBudgets(org.orgId, now);
    expect(await periodSpend(org.orgId)).toEqual([[y.toISOString(), "600000000000", "c1"]]);
  });

  it("endUser and apiKey scopes are read from scoped spend", async () => {
    const org = await budgetOrg("eval-scoped");
    const key = await createApiKey(org, { name: "svc", scopes: ["ingest"] });
    const keyId = key.id;
    await createBudget(org, { name: "u", period: "day", amount: "1", scope: { endUser: "*" } });
    await createBudget(org, { name: "k", period: "day", amount: "1", scope: { apiKey: keyId, team: "a" } });
    const r = await ingestBatch(
      org.orgId,
      [
        costing("0.25", plusHours(y, 1), { endUser: "u1", team: "a" }),
        costing("0.5", plusHours(y, 2), { endUser: "u2", team: "b" }),
        costing("0.125", plusHours(y, 3), { team: "a" }),
      ],
      {},
      { apiKeyId: keyId },
    );
    expect(r.accepted).toBe(3);
    await ingestBatch(org.orgId, [costing("0.75", plusHours(y, 1), { endUser: "u1", team: "a" })], {}); // no key
    await foldDeltas(org.orgId);
    await evaluateOrgBudgets(org.orgId, now);
    const { rows } = await pgPool().query(
      `SELECT b.name, s."scopeValue" AS v, s."spentPico"::text AS p FROM budget_period_spend s JOIN budgets b ON b.id = s."budgetId"
        WHERE s."orgId" = $1 ORDER BY 1, 2`,
      [org.orgId],
    );
    // Per API key (the column is apiKeyId): the key's three events, 0.25 + 0.5 + 0.125; the keyless one is nobody's.
    expect([...(await spendByValue(org.orgId, { apiKey: "*" }, { start: y, end: utcDay(0) }))]).toEqual([
      [keyId, 875_000_000_000n],
    ]);
    // k: key + team a = 0.25 + 0.125; u: u1 = 0.25 + 0.75, u2 = 0.5 (no end user: nobody's).
    expect(rows.map((x) => [x.name, x.v, x.p])).toEqual([
      ["k", "", "375000000000"],
      ["u", "u1", "1000000000000"],
      ["u", "u2", "500000000000"],
    ]);
  });

  it("spend read from the raw events (a first end-user budget's preview) or from scoped spend; hourly, nobody's left out", async () => {
    const org = await budgetOrg("eval-sources");
    // No endUser/apiKey budget: the organisation keeps no scoped spend, only events and rollups.
    await spendMany(org.orgId, [
      costing("0.25", plusHours(y, 1), { endUser: "u1", customer: "c1" }),
      costing("0.5", plusHours(y, 2), { endUser: "u1", customer: "c1" }),
      costing("0.125", plusHours(y, 2), { endUser: "u2" }),
      costing("0.9", plusHours(y, 1)), // nobody's (no end user, no customer)
    ]);
    const day = { start: y, end: utcDay(0) };
    const entries = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(entries(await spendByValue(org.orgId, { endUser: "*" }, day, "events"))).toEqual([
      ["u1", 750_000_000_000n],
      ["u2", 125_000_000_000n],
    ]);
    expect(entries(await spendByValue(org.orgId, { endUser: "*" }, day))).toEqual([]); // no scoped spend kept
    // Scopes without endUser/apiKey are read from the rollups: 0.25 + 0.5 + 0.125 + 0.9 = 1.775.
    expect(entries(await spendByValue(org.orgId, {}, day))).toEqual([["", 1_775_000_000_000n]]);
    expect(entries(await spendByValue(org.orgId, { customer: "*" }, day))).toEqual([["c1", 750_000_000_000n]]);
    expect(entries(await hourlySpendByValue(org.orgId, { endUser: "*" }, y, utcDay(0), "events"))).toEqual([
      [
        "u1",
        [
          [plusHours(y, 1).getTime(), 250_000_000_000n],
          [plusHours(y, 2).getTime(), 500_000_000_000n],
        ],
      ],
      ["u2", [[plusHours(y, 2).getTime(), 125_000_000_000n]]],
    ]);
    expect(entries(await hourlySpendByValue(org.orgId, { endUser: "*" }, y, utcDay(0)))).toEqual([]);
    // From the rollups: a "*" scope leaves nobody's $0.90 out; a plain scope counts it under "".
    expect(entries(await hourlySpendByValue(org.orgId, { customer: "*" }, y, utcDay(0)))).toEqual([
      [
        "c1",
        [
          [plusHours(y, 1).getTime(), 250_000_000_000n],
          [plusHours(y, 2).getTime(), 500_000_000_000n],
        ],
      ],
    ]);
    expect(entries(await hourlySpendByValue(org.orgId, {}, y, utcDay(0)))).toEqual([
      [
        "",
        [
          [plusHours(y, 1).getTime(), 1_150_000_000_000n],
          [plusHours(y, 2).getTime(), 625_000_000_000n],
        ],
      ],
    ]);
    // An empty range reads nothing.
    expect((await hourlySpendByValue(org.orgId, {}, y, y)).size).toBe(0);
  });

  it("an organisation without budgets: nothing evaluated, the mark it read cleared", async () => {
    const org = await budgetOrg("eval-none");
    await pgPool().query(`INSERT INTO budget_marks ("orgId", "fromHour", version) VALUES ($1, now(), 1)`, [org.orgId]);
    expect(await evaluateOrgBudgets(org.orgId, now)).toEqual({ periods: 0, alerts: 0 });
    expect(await marks(org.orgId)).toBe(0);
  });
});

describe("the sweeper's lists", () => {
  it("marks older than asked (a budgets job was lost)", async () => {
    const org = await budgetOrg("eval-stale");
    await createBudget(org, { name: "d", period: "day", amount: "1" });
    await pgPool().query(`UPDATE budget_marks SET "markedAt" = now() - interval '10 seconds' WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    expect(await orgsWithStaleMarks(3_000)).toContain(org.orgId);
    expect(await orgsWithStaleMarks(60_000)).not.toContain(org.orgId);
  });

  it("resolves alerts of periods that are over, of one organisation or of all", async () => {
    const a = await budgetOrg("eval-resolve-a");
    const b = await budgetOrg("eval-resolve-b");
    for (const org of [a, b]) {
      await createBudget(org, { name: "d", period: "day", amount: "1", thresholds: [{ percent: 100 }] });
      await spend(org.orgId, "1", plusHours(y, 1));
      expect((await evaluateOrgBudgets(org.orgId, now)).alerts).toBe(1);
    }
    const end = utcDay(0); // yesterday's period ends at today 00:00 UTC
    expect(await resolveEndedAlerts(new Date(end.getTime() - 1), a.orgId)).toBe(0);
    expect(await resolveEndedAlerts(end, a.orgId)).toBe(1);
    expect((await alerts(a.orgId)).map((r) => r[1])).toEqual(["resolved"]);
    expect((await alerts(b.orgId)).map((r) => r[1])).toEqual(["open"]);
    expect(await resolveEndedAlerts(end)).toBeGreaterThanOrEqual(1);
    expect((await alerts(b.orgId)).map((r) => r[1])).toEqual(["resolved"]);
    expect(await resolveEndedAlerts(end, b.orgId)).toBe(0); // resolved once
  });
});
