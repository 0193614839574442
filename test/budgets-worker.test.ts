import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget, getBudgetStatus, listAlerts } from "@/lib/budgets";
import { sweepBudgets } from "@/lib/budgets/sweep-budgets";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { getQueue } from "@/lib/queue/enqueue";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { budgetOrg, costing, plusHours } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";
import { kill9, startWorker, waitFor } from "./support/worker-process";

beforeAll(installShippedCatalogIfEmpty);
const MARK = `SELECT count(*)::int AS n FROM budget_marks WHERE "orgId" = $1`;
afterAll(closeConnections);

describe("budgets with the real worker", () => {
  it("ingest -> rollup fold -> budgets job: the status and the alert follow an event", async () => {
    const org = await budgetOrg("budget-worker");
    const budget = await createBudget(org, {
      name: "monthly",
      period: "month",
      amount: "1",
      thresholds: [{ percent: 80 }],
    });
    const worker = startWorker();
    try {
      // The worker is up once it has evaluated the mark createBudget left.
      await waitFor(async () => (await pgPool().query(MARK, [org.orgId])).rows[0].n === 0, 60_000);
      const started = Date.now();
      await ingestBatch(org.orgId, [costing("0.90", plusHours(new Date(), -0.1))], {});
      await waitFor(async () => (await getBudgetStatus(org, budget.id)).spent === "0.9", 15_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      await waitFor(async () => (await listAlerts(org)).items.length === 1, 5_000);
      expect((await listAlerts(org)).items[0]).toMatchObject({ threshold: "percent:80", spent: "0.9", state: "open" });
    } finally {
      await kill9(worker);
    }
  });

  it("the sweeper evaluates spend whose budgets job was lost", async () => {
    const org = await budgetOrg("budget-sweep");
    const budget = await createBudget(org, { name: "monthly", period: "month", amount: "1" });
    await ingestBatch(org.orgId, [costing("0.25", plusHours(new Date(), -0.1))], {});
    await foldDeltas(org.orgId); // marks the organisation and enqueues a job no worker takes
    await getQueue("budgets").obliterate({ force: true }); // the job is lost (as with a Redis flush)
    expect((await pgPool().query(MARK, [org.orgId])).rows[0].n).toBe(1);
    expect((await getBudgetStatus(org, budget.id)).spent).toBe("0");
    await pgPool().query(`UPDATE budget_marks SET "markedAt" = now() - interval '10 seconds' WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    await sweepBudgets();
    expect((await getBudgetStatus(org, budget.id)).spent).toBe("0.25");
    expect((await pgPool().query(MARK, [org.orgId])).rows[0].n).toBe(0);
  });
});
