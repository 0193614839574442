import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { createBudget, getBudgetStatus, previewBudget } from "@/lib/budgets";
import { evaluateOrgBudgets } from "@/lib/budgets/evaluate-org-budgets";
import { onBudgetEvent, type BudgetEvent } from "@/lib/budgets/publish-budget-event";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { createOverride } from "@/lib/pricing/overrides/create-override";
import { runReprice } from "@/lib/pricing/reprice/run-reprice";
import { FOLD_SQL, foldDeltas } from "@/lib/rollups/fold-deltas";
import { budgetOrg, costing, countRows, plusHours, spendMany, utcDay } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);
let events: BudgetEvent[] = [];
const unsubscribe = onBudgetEvent((e) => events.push(e));
afterEach(() => {
  events = [];
});
afterAll(() => unsubscribe());

const fourWorkers = (orgId: string, now: Date) => Promise.all([1, 2, 3, 4].map(() => evaluateOrgBudgets(orgId, now)));

/** Raw scoped_spend of an organisation per end user (pico, as text), straight from the table. */
async function scopedByEndUser(orgId: string): Promise<Record<string, string>> {
  const { rows } = await pgPool().query<{ u: string; c: string }>(
    `SELECT "endUser" AS u, sum("costPico")::text AS c FROM scoped_spend WHERE "orgId" = $1 GROUP BY 1 ORDER BY 1`,
    [orgId],
  );
  return Object.fromEntries(rows.map((r) => [r.u, r.c]));
}
const rawCount = async (table: string, orgId: string) =>
  (await pgPool().query(`SELECT count(*)::int AS n FROM ${table} WHERE "orgId" = $1`, [orgId])).rows[0].n as number;

describe("budgets scoped by end user and API key", () => {
  it('{"endUser":"*"} $1/day: one crossing and alert for the user over 100%, values listed by spend', async () => {
    const org = await budgetOrg("scoped-enduser");
    const other = await budgetOrg("scoped-enduser-other");
    const day = utcDay(1);
    // Before the budget exists (counted by the backfill when the budget turns scoped spend on).
    await spendMany(org.orgId, [costing("0.10", plusHours(day, 1), { endUser: "u3" })]);
    const budget = await createBudget(org, {
      name: "per end user",
      scope: { endUser: "*" },
      period: "day",
      amount: "1",
      thresholds: [{ percent: 100 }],
    });
    await spendMany(org.orgId, [
      costing("0.40", plusHours(day, 2), { endUser: "u1" }),
      costing("0.35", plusHours(day, 3), { endUser: "u1" }),
      costing("0.60", plusHours(day, 2), { endUser: "u2" }),
      costing("0.45", plusHours(day, 4), { endUser: "u2" }),
      costing("2.00", plusHours(day, 4)), // no end user: nobody's
      costing("0.90", plusHours(day, -2), { endUser: "u1" }), // the day before
    ]);
    await spendMany(other.orgId, [costing("5.00", plusHours(day, 2), { endUser: "u1" })]);
    const now = plusHours(day, 6);
    await fourWorkers(org.orgId, now);
    await fourWorkers(org.orgId, now); // redelivered jobs

    // u2: 0.60 + 0.45 = 1.05 >= 1.00; u1: 0.40 + 0.35 = 0.75; u3: 0.10.
    expect(await countRows("budget_crossings", org.orgId)).toBe(1);
    expect(await countRows("alerts", org.orgId)).toBe(1);
    expect(events.map((e) => [e.type, e.data.scopeValue, e.data.spent])).toEqual([
      ["budget.threshold_reached", "u2", "1.05"],
    ]);
    const status = await getBudgetStatus(org, budget.id, {}, now);
    expect(status.spent).toBe("1.9");
    expect(status.values?.total).toBe(3);
    expect(status.values?.items.map((v) => [v.value, v.spent, v.thresholdsCrossed.length])).toEqual([
      ["u2", "1.05", 1],
      ["u1", "0.75", 0],
      ["u3", "0.1", 0],
    ]);
  });

  it('{"apiKey": id, "team": "search"} counts only that key\'s events of that team', async () => {
    const org = await budgetOrg("scoped-apikey");
    const k1 = await createApiKey(org, { name: "k1", scopes: ["ingest"] });
    const k2 = await createApiKey(org, { name: "k2", scopes: ["ingest"] });
    const day = utcDay(1);
    const budget = await createBudget(org, {
      name: "k1 search",
      scope: { apiKey: k1.id, team: "search" },
      period: "day",
      amount: "10",
    });
    const send = async (apiKeyId: string | null, usd: string, team: string) => {
      const r = await ingestBatch(org.orgId, [costing(usd, plusHours(day, 3), { team })], {}, { apiKeyId });
      expect(r.accepted).toBe(1);
    };
    await send(k1.id, "0.30", "search");
    await send(k1.id, "0.20", "search");
    await send(k1.id, "0.50", "ads");
    await send(k2.id, "0.70", "search");
    await send(null, "0.40", "search");
    await foldDeltas(org.orgId);
    await evaluateOrgBudgets(org.orgId, plusHours(day, 6));
    expect((await getBudgetStatus(org, budget.id, {}, plusHours(day, 6))).spent).toBe("0.5"); // 0.30 + 0.20
    const err = await createBudget(org, { name: "x", scope: { apiKey: "nope" }, period: "day", amount: "1" }).catch(
      (e: unknown) => e as { code: string; issues: { path: string }[] },
    );
    expect(err).toMatchObject({ code: "invalid_request", issues: [{ path: "scope.apiKey" }] });
  });

  it("re-pricing an unpriced model updates the spend of end-user budgets", async () => {
    const org = await budgetOrg("scoped-reprice");
    const day = utcDay(1);
    const budget = await createBudget(org, { name: "eu", scope: { endUser: "*" }, period: "day", amount: "1" });
    const unpriced = (tokens: number, endUser: string) => ({
      ...costing("0", plusHours(day, 2), { endUser }),
      model: "house-llm",
      inputTokens: tokens,
    });
    await spendMany(org.orgId, [unpriced(300_000, "u1"), unpriced(200_000, "u2"), unpriced(100_000, "u1")]);
    const now = plusHours(day, 6);
    await evaluateOrgBudgets(org.orgId, now);
    expect((await getBudgetStatus(org, budget.id, {}, now)).values?.items).toEqual([]);
    const { repriceJob } = await createOverride(org, {
      kind: "CUSTOM_PRICE",
      provider: "self-hosted",
      model: "house-llm",
      prices: { input: "1", output: "0" },
    });
    await runReprice(repriceJob!.id);
    await evaluateOrgBudgets(org.orgId, now);
    // $1 per 1M input tokens: u1 400,000 tokens = 0.4, u2 200,000 = 0.2.
    const items = (await getBudgetStatus(org, budget.id, {}, now)).values?.items;
    expect(items?.map((v) => [v.value, v.spent])).toEqual([
      ["u1", "0.4"],
      ["u2", "0.2"],
    ]);
    expect(await scopedByEndUser(org.orgId)).toEqual({ u1: "400000000000", u2: "200000000000" });
  });

  it("the preview of a first end-user budget reads the events, and turns nothing on", async () => {
    const org = await budgetOrg("scoped-preview");
    const other = await budgetOrg("scoped-preview-other");
    const day = utcDay(1);
    await spendMany(org.orgId, [
      costing("0.40", plusHours(day, 2), { endUser: "u1" }),
      costing("0.60", plusHours(day, 2), { endUser: "u2" }),
      costing("0.45", plusHours(day, 4), { endUser: "u2" }),
      costing("2.00", plusHours(day, 4)), // no end user: nobody's
      costing("0.30", plusHours(day, -3), { endUser: "u1" }), // the day before, 21:00
      costing("0.90", plusHours(day, -2), { endUser: "u1" }), // the day before, 22:00
    ]);
    await spendMany(other.orgId, [costing("5.00", plusHours(day, 2), { endUser: "u1" })]);
    const p = await previewBudget(
      org,
      { scope: { endUser: "*" }, period: "day", amount: "1", thresholds: [{ percent: 100 }] },
      plusHours(day, 6),
    );
    // Today: u2 0.60 + 0.45 = 1.05, u1 0.40; yesterday u1 reached 1.00 in the 22:00 hour (0.30 + 0.90).
    expect(p.spent).toBe("1.45");
    expect(p.topValues).toEqual([
      { value: "u2", spent: "1.05" },
      { value: "u1", spent: "0.4" },
    ]);
    expect(p.lastPeriod.wouldHaveAlerted).toEqual([
      { scopeValue: "u1", threshold: "percent:100", amount: "1", at: plusHours(day, -1).toISOString() },
    ]);
    const tracked = await pgPool().query(`SELECT "tracksScopedSpend" AS t FROM organizations WHERE id = $1`, [
      org.orgId,
    ]);
    expect(tracked.rows[0].t).toBe(false);
    expect(await rawCount("scoped_spend", org.orgId)).toBe(0);
  });

  it("an organisation without endUser/apiKey budgets writes no scoped spend", async () => {
    const org = await budgetOrg("scoped-none");
    await createBudget(org, { name: "team", scope: { team: "search" }, period: "day", amount: "1" });
    await spendMany(org.orgId, [costing("0.50", plusHours(utcDay(1), 2), { endUser: "u1", team: "search" })]);
    expect(await rawCount("scoped_spend_deltas", org.orgId)).toBe(0);
    expect(await rawCount("scoped_spend", org.orgId)).toBe(0);
    expect(await rawCount("spend_rollups", org.orgId)).toBe(1);
  });

  it("folds scoped spend exactly once: a rolled-back fold loses nothing, concurrent and repeated folds add nothing", async () => {
    const org = await budgetOrg("scoped-fold");
    await createBudget(org, { name: "eu", scope: { endUser: "*" }, period: "month", amount: "100" });
    const at = plusHours(utcDay(1), 2);
    const batch = (n: number, usd: string, endUser: string) =>
      Array.from({ length: n }, () => costing(usd, at, { endUser }));
    const r = await ingestBatch(org.orgId, [...batch(30, "0.01", "a"), ...batch(20, "0.02", "b")], {});
    expect(r.accepted).toBe(50);
    // A fold that crashes before commit: its claimed deltas come back.
    const client = await pgPool().connect();
    try {
      await client.query("BEGIN");
      await client.query(FOLD_SQL, [org.orgId]);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    expect(await rawCount("scoped_spend", org.orgId)).toBe(0);
    await Promise.all([1, 2, 3, 4].map(() => foldDeltas(org.orgId)));
    await foldDeltas(org.orgId);
    // a: 30 x 0.01 = 0.30; b: 20 x 0.02 = 0.40 (pico).
    expect(await scopedByEndUser(org.orgId)).toEqual({ a: "300000000000", b: "400000000000" });
    expect(await rawCount("scoped_spend_deltas", org.orgId)).toBe(0);
  });
});
