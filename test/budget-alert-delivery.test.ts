// Local receivers on 127.0.0.1 stand in for webhook endpoints (read before the first env() call).
process.env.BURNRATE_ALLOW_PRIVATE_URLS = "true";

import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget } from "@/lib/budgets";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { createWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";
import { budgetOrg, costing, plusHours } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";
import { type HttpReceiver, startReceiver } from "./support/http-receiver";
import { kill9, startWorker, waitFor } from "./support/worker-process";

let receiver: HttpReceiver;
beforeAll(async () => {
  await installShippedCatalogIfEmpty();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.stop();
  await closeConnections();
});

const MARK = `SELECT count(*)::int AS n FROM budget_marks WHERE "orgId" = $1`;

describe("budget alert -> delivery", () => {
  it("ingest -> fold -> budgets job -> a signed webhook at the receiver, once per threshold", async () => {
    const org = await budgetOrg("budget-delivery");
    const { secret } = await createWebhookEndpoint(org, {
      url: receiver.url("/budgets"),
      events: ["budget.threshold_reached"],
    });
    const budget = await createBudget(org, {
      name: "search monthly",
      scope: { team: "search" },
      period: "month",
      amount: "2.00",
      thresholds: [{ percent: 50 }, { percent: 100 }],
    });
    const worker = startWorker({ BURNRATE_ALLOW_PRIVATE_URLS: "true" });
    try {
      await waitFor(async () => (await pgPool().query(MARK, [org.orgId])).rows[0].n === 0, 60_000);
      const at = plusHours(new Date(), -0.05);
      // 0.60 + 0.70 = 1.30 of 2.00 (65%): crosses 50% only; another team's spend does not count.
      await ingestBatch(
        org.orgId,
        [
          costing("0.60", at, { team: "search" }),
          costing("0.70", at, { team: "search" }),
          costing("5.00", at, { team: "growth" }),
        ],
        {},
      );
      await waitFor(async () => receiver.requests.length >= 1, 20_000);
      const req = receiver.requests[0]!;
      expect(req.url).toBe("/budgets");
      const body = new Webhook(secret).verify(req.body, req.headers as Record<string, string>) as {
        type: string;
        data: Record<string, unknown>;
      };
      expect(body.type).toBe("budget.threshold_reached");
      expect(body.data).toMatchObject({
        budget: { id: budget.id, name: "search monthly", scope: { team: "search" } },
        threshold: { percent: 50 },
        spent: "1.3",
        amount: "2",
        scopeValue: null,
      });
      // A tampered body fails verification (the check can fail).
      expect(() =>
        new Webhook(secret).verify(req.body.replace("1.3", "9.3"), req.headers as Record<string, string>),
      ).toThrow();

      // 0.70 more (2.00 = 100%): the same alert escalates and notifies again, exactly once.
      await ingestBatch(org.orgId, [costing("0.70", at, { team: "search" })], {});
      await waitFor(async () => receiver.requests.length >= 2, 20_000);
      await new Promise((r) => setTimeout(r, 1_500)); // nothing else may arrive
      expect(receiver.requests).toHaveLength(2);
      const second = JSON.parse(receiver.requests[1]!.body);
      expect(second.data).toMatchObject({ threshold: { percent: 100 }, spent: "2" });
      expect(second.data.alertId).toBe(body.data.alertId);
    } finally {
      await kill9(worker);
    }
  });
});
