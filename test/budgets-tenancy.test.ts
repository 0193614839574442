import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acknowledgeAlert,
  createBudget,
  deleteBudget,
  getBudget,
  getBudgetStatus,
  listAlerts,
  listBudgets,
  previewBudget,
  updateBudget,
} from "@/lib/budgets";
import { evaluateOrgBudgets } from "@/lib/budgets/evaluate-org-budgets";
import { AppError } from "@/lib/errors";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { anHourAgoThisMonth, budgetOrg, spend } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const notFound = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("not_found");
};

describe("budgets tenant isolation", () => {
  it("org A reaches none of org B's budgets, statuses, alerts or spend", async () => {
    const a = await budgetOrg("budget-a");
    const b = await budgetOrg("budget-b");
    const budgetB = await createBudget(b, { name: "b", period: "month", amount: "1", thresholds: [{ percent: 50 }] });
    await spend(b.orgId, "0.60", anHourAgoThisMonth(), { team: "search" });
    await evaluateOrgBudgets(b.orgId);
    const alertB = (await listAlerts(b)).items[0]!;
    expect(alertB).toBeDefined();

    await notFound(getBudget(a, budgetB.id));
    await notFound(updateBudget(a, budgetB.id, { name: "taken" }));
    await notFound(deleteBudget(a, budgetB.id));
    await notFound(getBudgetStatus(a, budgetB.id));
    await notFound(acknowledgeAlert(a, alertB.id));
    expect(await listBudgets(a)).toEqual([]);
    expect((await listAlerts(a)).items).toEqual([]);
    expect((await previewBudget(a, { period: "month", amount: "1", scope: { team: "search" } })).spent).toBe("0");
    // B's own view is intact, and the same calls work for B (the checks above can fail).
    expect((await getBudget(b, budgetB.id)).name).toBe("b");
    expect((await previewBudget(b, { period: "month", amount: "1", scope: { team: "search" } })).spent).toBe("0.6");
    expect((await acknowledgeAlert(b, alertB.id)).state).toBe("acknowledged");
    expect((await getBudgetStatus(b, budgetB.id)).spent).toBe("0.6");
  });

  it("refuses bad input naming the field", async () => {
    const a = await budgetOrg("budget-input");
    const bad = async (input: unknown, path: string) => {
      const err = (await createBudget(a, input).catch((e: unknown) => e)) as AppError;
      expect(err.code).toBe("invalid_request");
      expect(err.issues.map((i) => i.path)).toContain(path);
    };
    await bad({ name: "x", period: "month", amount: "1.2.3" }, "amount");
    await bad({ name: "x", period: "month", amount: "0" }, "amount");
    await bad({ name: "x", period: "custom", amount: "1" }, "startDay");
    await bad({ name: "x", period: "month", amount: "1", scope: { customer: "*", team: "*" } }, "scope.customer");
    await bad({ name: "x", period: "month", amount: "1", scope: { endUser: "*", apiKey: "*" } }, "scope.apiKey");
    await bad({ name: "x", period: "month", amount: "1", scope: { apiKey: "not-a-key" } }, "scope.apiKey");
    await bad({ name: "x", period: "month", amount: "1", thresholds: [{ percent: 0.00001 }] }, "thresholds[0].percent");
    await bad({ name: "x", period: "month", amount: "1", ownerUserId: "nobody" }, "ownerUserId");
    const ok = await createBudget(a, { name: "x", period: "custom", startDay: 15, amount: "1234.567891234567" });
    expect(ok.amount).toBe("1234.567891234567");
  });
});
