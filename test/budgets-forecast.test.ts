import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget, getBudgetStatus } from "@/lib/budgets";
import { evaluateOrgBudgets } from "@/lib/budgets/evaluate-org-budgets";
import { onBudgetEvent, type BudgetEvent } from "@/lib/budgets/publish-budget-event";
import { pgPool } from "@/lib/db/pg-pool";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { budgetOrg, costing, plusHours, spendMany, utcDay } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

describe("budget forecast", () => {
  it("projects with the hour-of-week profile of the last four weeks and alerts once per period", async () => {
    const events: BudgetEvent[] = [];
    const stop = onBudgetEvent((e) => events.push(e));
    const org = await budgetOrg("budget-forecast");
    const budget = await createBudget(org, {
      name: "daily with forecast",
      period: "day",
      amount: "0.55",
      thresholds: [{ percent: 100 }],
      forecastAlert: true,
    });
    const today = utcDay(1); // "today" of the controlled clock
    const now = plusHours(today, 12.5);
    const seeded = [costing("0.50", plusHours(today, 3))]; // spent so far
    // Four weeks of history: $0.10 at 18:00 every day; $0.02 at 21:00 on today's weekday only.
    for (let d = 1; d <= 28; d++) seeded.push(costing("0.10", plusHours(today, 18 - 24 * d)));
    for (const w of [1, 2, 3, 4]) seeded.push(costing("0.02", plusHours(today, 21 - 24 * 7 * w)));
    seeded.push(costing("5.00", plusHours(today, 18 - 24 * 29))); // older than four weeks: ignored
    await spendMany(org.orgId, seeded);

    // Oracle (by hand): hours left after 12:00-13:00 are 13:00..23:00; their means are $0.10 at 18:00,
    // $0.02 at 21:00 and 0 elsewhere: projected 0.50 + 0.12 = $0.62; $0.55 is reached at 19:00.
    await evaluateOrgBudgets(org.orgId, now);
    const status = await getBudgetStatus(org, budget.id, {}, now);
    expect(status.spent).toBe("0.5");
    expect(status.forecast).toEqual({ projected: "0.62", exceedsAt: plusHours(today, 19).toISOString() });
    await evaluateOrgBudgets(org.orgId, plusHours(now, 0.25));
    expect(events.map((e) => [e.type, e.data.projectedAt])).toEqual([
      ["budget.forecast_exceeded", plusHours(today, 19).toISOString()],
    ]);
    stop();
  });

  it("the forecast alert: a crossing at the amount, an alert of kind forecast, counted by the job; only with forecastAlert", async () => {
    const events: BudgetEvent[] = [];
    const stop = onBudgetEvent((e) => events.push(e));
    const org = await budgetOrg("budget-forecast-alert");
    const input = { period: "day" as const, amount: "0.55", thresholds: [{ percent: 100 }] };
    const on = await createBudget(org, { ...input, name: "with forecast", forecastAlert: true });
    await createBudget(org, { ...input, name: "without forecast" });
    const today = utcDay(1);
    const now = plusHours(today, 12.5);
    // $0.50 so far; $0.10 at 18:00 on each of the 28 days before: projected $0.60, $0.55 reached at 19:00.
    const seeded = [costing("0.50", plusHours(today, 3))];
    for (let d = 1; d <= 28; d++) seeded.push(costing("0.10", plusHours(today, 18 - 24 * d)));
    await spendMany(org.orgId, seeded);
    // Only the current day evaluated (the history's closed days would alert nobody anyway).
    await pgPool().query(`DELETE FROM budget_marks WHERE "orgId" = $1`, [org.orgId]);

    expect(await evaluateOrgBudgets(org.orgId, now)).toEqual({ periods: 2, alerts: 1 });
    const crossings = await pgPool().query(
      `SELECT "budgetId", "periodStart", "scopeValue", threshold, "thresholdPico"::text AS t, "spentPico"::text AS s, notified, "alertId" IS NOT NULL AS alerted
         FROM budget_crossings WHERE "orgId" = $1`,
      [org.orgId],
    );
    expect(crossings.rows).toEqual([
      {
        budgetId: on.id,
        periodStart: today,
        scopeValue: "",
        threshold: "forecast",
        t: "550000000000",
        s: "500000000000",
        notified: true,
        alerted: true,
      },
    ]);
    const alerts = await pgPool().query(
      `SELECT "budgetId", "scopeValue", kind, threshold, "thresholdPico"::text AS t, "spentPico"::text AS s, "projectedAt" FROM alerts WHERE "orgId" = $1`,
      [org.orgId],
    );
    expect(alerts.rows).toEqual([
      {
        budgetId: on.id,
        scopeValue: "",
        kind: "forecast",
        threshold: "forecast",
        t: "550000000000",
        s: "500000000000",
        projectedAt: plusHours(today, 19),
      },
    ]);
    expect(events.map((e) => [e.type, e.data.threshold, e.data.spent, e.data.amount])).toEqual([
      ["budget.forecast_exceeded", { forecast: true }, "0.5", "0.55"],
    ]);
    expect(await evaluateOrgBudgets(org.orgId, plusHours(now, 0.25))).toEqual({ periods: 2, alerts: 0 });
    stop();
  });

  it("no forecast once the spend reached the amount: the threshold alerts, not the forecast", async () => {
    const org = await budgetOrg("budget-forecast-reached");
    await createBudget(org, {
      name: "d",
      period: "day",
      amount: "0.5",
      thresholds: [{ percent: 100 }],
      forecastAlert: true,
    });
    const today = utcDay(1);
    await spendMany(org.orgId, [costing("0.5", plusHours(today, 3))]); // exactly the amount
    expect(await evaluateOrgBudgets(org.orgId, plusHours(today, 12.5))).toEqual({ periods: 1, alerts: 1 });
    const { rows } = await pgPool().query(`SELECT kind, threshold FROM alerts WHERE "orgId" = $1`, [org.orgId]);
    expect(rows).toEqual([{ kind: "threshold", threshold: "percent:100" }]);
  });
});
