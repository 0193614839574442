import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  acknowledgeAlert,
  createBudget,
  getBudgetStatus,
  listAlerts,
  previewBudget,
  setOrganizationTimeZone,
} from "@/lib/budgets";
import { evaluateOrgBudgets } from "@/lib/budgets/evaluate-org-budgets";
import { onBudgetEvent, type BudgetEvent } from "@/lib/budgets/publish-budget-event";
import { pgPool } from "@/lib/db/pg-pool";
import { createChannel } from "@/lib/notifications/manage-channels";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { anHourAgoThisMonth, budgetOrg, countRows, plusHours, spend, utcDay } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

let events: BudgetEvent[] = [];
const unsubscribe = onBudgetEvent((e) => events.push(e));
afterEach(() => {
  events = [];
});
afterAll(() => unsubscribe());

/** Four evaluators at once, each on its own pool connection, as four workers would run them. */
const fourWorkers = (orgId: string, now: Date) => Promise.all([1, 2, 3, 4].map(() => evaluateOrgBudgets(orgId, now)));

describe("budget alerts", () => {
  it("each threshold alerts exactly once under four concurrent evaluators, and 100% escalates the same alert", async () => {
    const org = await budgetOrg("budget-once");
    const channel = await createChannel(org, { kind: "email", name: "finance", recipients: ["finance@example.com"] });
    const budget = await createBudget(org, {
      name: "org daily",
      period: "day",
      amount: "1.00",
      thresholds: [{ percent: 50 }, { percent: 80 }, { percent: 100 }],
      channelIds: [channel.id],
    });
    const day = utcDay(1);
    await spend(org.orgId, "0.85", plusHours(day, 9));
    await fourWorkers(org.orgId, plusHours(day, 10));
    await fourWorkers(org.orgId, plusHours(day, 10)); // redelivered jobs
    // 50% and 80% crossed by the same event: one alert, one notification (for 80%).
    expect(await countRows("budget_crossings", org.orgId)).toBe(2);
    expect(await countRows("alerts", org.orgId)).toBe(1);
    expect(events.map((e) => [e.type, e.data.threshold])).toEqual([["budget.threshold_reached", { percent: 80 }]]);
    expect(events[0]!.data).toMatchObject({ spent: "0.85", amount: "1", budget: { id: budget.id }, scopeValue: null });
    expect(events[0]!.channelIds).toEqual([channel.id]);
    const first = (await listAlerts(org)).items[0]!;
    expect(first).toMatchObject({ state: "open", threshold: "percent:80", spent: "0.85" });
    await acknowledgeAlert(org, first.id);

    await spend(org.orgId, "0.20", plusHours(day, 11));
    await fourWorkers(org.orgId, plusHours(day, 12));
    expect(await countRows("budget_crossings", org.orgId)).toBe(3);
    expect(await countRows("alerts", org.orgId)).toBe(1);
    expect(events.map((e) => e.data.threshold)).toEqual([{ percent: 80 }, { percent: 100 }]);
    expect(events[1]!.data.alertId).toBe(first.id);
    const escalated = (await listAlerts(org)).items;
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ id: first.id, state: "open", threshold: "percent:100", spent: "1.05" });
    expect(escalated[0]!.escalatedAt).not.toBeNull();

    // More spend crosses nothing new: nothing re-notifies.
    await spend(org.orgId, "0.30", plusHours(day, 13));
    await fourWorkers(org.orgId, plusHours(day, 14));
    expect(events).toHaveLength(2);
  });

  it("changing the time zone carries the current period's crossings and alert over: nothing re-alerts", async () => {
    const org = await budgetOrg("budget-tz-move");
    const budget = await createBudget(org, {
      name: "daily",
      period: "day",
      amount: "1",
      thresholds: [{ percent: 50 }, { percent: 100 }],
    });
    const day = utcDay(1);
    const now = plusHours(day, 20); // 20:00 UTC = 05:00 the next day in Tokyo (UTC+9, no DST)
    await spend(org.orgId, "1.20", plusHours(day, 16)); // in the UTC day and in the Tokyo day
    await fourWorkers(org.orgId, now);
    expect(events.map((e) => e.data.threshold)).toEqual([{ percent: 100 }]);

    await setOrganizationTimeZone(org, "Asia/Tokyo", now);
    await fourWorkers(org.orgId, now);
    expect(events).toHaveLength(1); // the same crossings, in the moved period: no second message
    expect(await countRows("budget_crossings", org.orgId)).toBe(2);
    const alerts = (await listAlerts(org)).items;
    expect(alerts).toHaveLength(1);
    // The Tokyo day holding `now` began at 15:00 UTC the day before it.
    expect(alerts[0]!.period.start).toBe(plusHours(day, 15).toISOString());
    const status = await getBudgetStatus(org, budget.id, {}, now);
    expect(status.period.start).toBe(plusHours(day, 15).toISOString());
    expect(status.spent).toBe("1.2");
    expect(status.thresholdsCrossed.map((c) => c.threshold)).toEqual(["percent:50", "percent:100"]);
  });

  it("a new period starts clean; a late event updates its closed period without alerting", async () => {
    const org = await budgetOrg("budget-rollover");
    const budget = await createBudget(org, {
      name: "daily",
      period: "day",
      amount: "1",
      thresholds: [{ percent: 80 }, { percent: 100 }],
    });
    const d2 = utcDay(2);
    const d1 = utcDay(1);
    await spend(org.orgId, "0.90", plusHours(d2, 10));
    await evaluateOrgBudgets(org.orgId, plusHours(d2, 12));
    expect(events).toHaveLength(1);

    // The clock moves to the next day: the old alert is resolved, the same threshold alerts anew.
    await spend(org.orgId, "0.90", plusHours(d1, 9));
    await evaluateOrgBudgets(org.orgId, plusHours(d1, 10));
    expect(events.map((e) => e.data.period.start)).toEqual([d2.toISOString(), d1.toISOString()]);
    const alerts = (await listAlerts(org)).items;
    expect(alerts.map((a) => [a.period.start, a.state])).toEqual([
      [d1.toISOString(), "open"],
      [d2.toISOString(), "resolved"],
    ]);

    // Late event for the day before: its figures change, 100% is recorded but notifies nobody.
    await spend(org.orgId, "0.15", plusHours(d2, 11));
    await evaluateOrgBudgets(org.orgId, plusHours(d1, 11));
    expect(events).toHaveLength(2);
    const { rows } = await pgPool().query(
      `SELECT "periodStart", "spentPico"::text AS spent FROM budget_period_spend WHERE "orgId" = $1 ORDER BY 1`,
      [org.orgId],
    );
    expect(rows.map((r) => [r.periodStart.toISOString(), r.spent])).toEqual([
      [d2.toISOString(), "1050000000000"],
      [d1.toISOString(), "900000000000"],
    ]);
    const { rows: late } = await pgPool().query(
      `SELECT threshold, notified FROM budget_crossings WHERE "orgId" = $1 AND "periodStart" = $2 ORDER BY threshold`,
      [org.orgId, d2],
    );
    expect(late).toEqual([
      { threshold: "percent:100", notified: false },
      { threshold: "percent:80", notified: true },
    ]);
    expect((await listAlerts(org, { state: "resolved" })).items[0]).toMatchObject({ threshold: "percent:80" });
    // Today's status shows today only.
    const status = await getBudgetStatus(org, budget.id, {}, plusHours(d1, 11));
    expect(status).toMatchObject({
      spent: "0.9",
      remaining: "0.1",
      percentUsed: "90.0",
      resetsAt: utcDay(0).toISOString(),
    });
  });

  it("a '*' budget keeps state only for values with spend, lists them by spend and alerts per value", async () => {
    const org = await budgetOrg("budget-star");
    const budget = await createBudget(org, {
      name: "per customer",
      scope: { customer: "*" },
      period: "month",
      amount: "1",
    });
    const now = new Date();
    const at = anHourAgoThisMonth(now);
    await spend(org.orgId, "0.30", at, { customer: "c2" });
    await spend(org.orgId, "0.85", at, { customer: "c1" });
    await spend(org.orgId, "0.50", at); // no customer: nobody's quota
    await spend(org.orgId, "0.01", at, { team: "other", customer: "c3" });
    await evaluateOrgBudgets(org.orgId, now);
    const { rows } = await pgPool().query(
      `SELECT "scopeValue" FROM budget_period_spend WHERE "orgId" = $1 ORDER BY 1`,
      [org.orgId],
    );
    expect(rows.map((r) => r.scopeValue)).toEqual(["c1", "c2", "c3"]);
    const status = await getBudgetStatus(org, budget.id, { page: 1 });
    expect(status.values?.items.map((v) => [v.value, v.spent, v.remaining])).toEqual([
      ["c1", "0.85", "0.15"],
      ["c2", "0.3", "0.7"],
      ["c3", "0.01", "0.99"],
    ]);
    expect(status.spent).toBe("1.16");
    const page2 = await getBudgetStatus(org, budget.id, { page: 2 });
    expect([page2.spent, page2.values?.total, page2.values?.items]).toEqual(["1.16", 3, []]);
    expect(status.values?.items[0]?.thresholdsCrossed.map((c) => c.threshold)).toEqual(["percent:80"]);
    expect(events.map((e) => [e.data.scopeValue, e.data.threshold])).toEqual([["c1", { percent: 80 }]]);
  });

  it("previews the current spend and the alerts a budget would have sent last period", async () => {
    const org = await budgetOrg("budget-preview");
    const [d2, d1] = [utcDay(2), utcDay(1)];
    await spend(org.orgId, "0.50", plusHours(d2, 9.5));
    await spend(org.orgId, "0.40", plusHours(d2, 14.2));
    await spend(org.orgId, "0.30", plusHours(d1, 8));
    const input = { period: "day", amount: "1", thresholds: [{ percent: 50 }, { percent: 80 }, { percent: 100 }] };
    const preview = await previewBudget(org, input, plusHours(d1, 12));
    expect(preview.spent).toBe("0.3");
    // By hand: 0.50 by the end of 09:00-10:00 reaches 50%; 0.90 by the end of 14:00-15:00 reaches 80%.
    expect(preview.lastPeriod.wouldHaveAlerted).toEqual([
      { scopeValue: null, threshold: "percent:50", amount: "0.5", at: plusHours(d2, 10).toISOString() },
      { scopeValue: null, threshold: "percent:80", amount: "0.8", at: plusHours(d2, 15).toISOString() },
    ]);
    expect(await countRows("alerts", org.orgId)).toBe(0); // a preview writes nothing
  });
});
