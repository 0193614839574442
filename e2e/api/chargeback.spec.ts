import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { createAccount, createKey } from "../support/accounts";
import { houseEvent, priceHouseModel } from "../support/budgets";
import { orgIdOf, query } from "../support/db";

const sdk = new Stripe("sk_test_only_for_the_test_helper");
const WHSEC = "whsec_e2eWebhookSecret1234";

test("chargeback API: statements preview, FOCUS CSV over HTTP with the spend total, Stripe webhook route", async ({
  baseURL,
  playwright,
}) => {
  test.setTimeout(90_000);
  const owner = await createAccount(baseURL!, "chargeback-api");
  await priceHouseModel(owner);
  const key = await createKey(owner, ["ingest", "read"], "chargeback-api");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  const events = [
    houseEvent(1_250_000, { team: "search", feature: "=HYPERLINK()" }),
    houseEvent(750_001, { team: "growth" }),
  ];
  expect((await svc.post("/api/v1/events", { data: { events } })).status()).toBe(202);
  await expect
    .poll(async () => (await (await svc.get("/api/v1/spend")).json()).total.cost, { timeout: 30_000 })
    .toBe("2.000001");

  const period = new Date().toISOString().slice(0, 7);
  const list = await svc.get(`/api/v1/chargeback/statements?period=${period}`);
  expect(list.status(), await list.text()).toBe(200);
  const body = await list.json();
  expect(body).toMatchObject({ period, status: "open", totals: { total: "2.000001" } });
  expect(body.statements.map((s: { party: string; total: string }) => [s.party, s.total])).toEqual([
    ["growth", "0.750001"],
    ["search", "1.25"],
  ]);
  const bad = await svc.get("/api/v1/chargeback/statements?period=2026-13");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.issues[0].path).toBe("period");

  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const csv = await svc.get(`/api/v1/exports/focus?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toContain("attachment");
  const text = await csv.text();
  expect(text).toContain("'=HYPERLINK()");
  const spend = await (
    await svc.get(`/api/v1/spend?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
  ).json();
  expect(spend.total.cost).toBe("2.000001");
  const missing = await svc.get("/api/v1/exports/focus?from=2026-01-01T00:00:00Z");
  expect(missing.status()).toBe(400);
  expect((await missing.json()).error.issues[0].path).toBe("to");
  const doc = await (await svc.get("/api/v1/openapi.json")).json();
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      "/api/v1/chargeback/statements",
      "/api/v1/chargeback/statements/{statementId}",
      "/api/v1/exports/focus",
    ]),
  );
  expect(doc.paths["/api/v1/exports/focus"].get.responses["200"].content["text/csv"]).toBeDefined();

  // The Stripe webhook route verifies the exact bytes with the organisation's secret and dedupes by event id.
  const orgId = await orgIdOf(owner.orgSlug);
  const connected = await owner.api.put(`/api/orgs/${owner.orgSlug}/chargeback/stripe`, {
    data: { secretKey: "rk_test_e2eRestrictedKey42", webhookSecret: WHSEC },
  });
  expect(connected.status(), await connected.text()).toBe(200);
  expect(await connected.text()).not.toContain("e2eRestrictedKey");
  await query(
    `INSERT INTO chargeback_invoices ("orgId", "statementId", status, "stripeInvoiceId", "expectedCents") VALUES ($1, 'stmt-e2e', 'open', 'in_e2e_1', 100)`,
    [orgId],
  );
  const payload = JSON.stringify({
    id: "evt_e2e_1",
    object: "event",
    type: "invoice.paid",
    data: { object: { id: "in_e2e_1", object: "invoice" } },
  });
  const post = (signature: string, data = payload, org = orgId) =>
    svc.post(`/api/webhooks/stripe/${org}`, {
      data,
      headers: { "content-type": "application/json", "stripe-signature": signature, authorization: "" },
    });
  const forged = await post(sdk.webhooks.generateTestHeaderString({ payload, secret: "whsec_notTheRightOne123" }));
  expect(forged.status()).toBe(400);
  expect((await forged.json()).error.issues[0].path).toBe("stripe-signature");
  const ok = await post(sdk.webhooks.generateTestHeaderString({ payload, secret: WHSEC }));
  expect(ok.status(), await ok.text()).toBe(200);
  expect(await ok.json()).toEqual({ received: true, duplicate: false, updated: 1 });
  const again = await post(sdk.webhooks.generateTestHeaderString({ payload, secret: WHSEC }));
  expect(await again.json()).toEqual({ received: true, duplicate: true, updated: 0 });
  const [row] = await query<{ status: string }>(`SELECT status FROM chargeback_invoices WHERE "orgId" = $1`, [orgId]);
  expect(row!.status).toBe("paid");
  expect((await post("t=1,v1=00", payload, "c0000000000000000000missing")).status()).toBe(404);
  await svc.dispose();
});
