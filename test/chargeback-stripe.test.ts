import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  billPendingInvoices,
  billStatement,
  connectStripe,
  handleStripeWebhook,
  mapStripeCustomer,
  releaseHeldInvoice,
} from "@/lib/billing";
import {
  addFixedCost,
  closePeriod,
  getChargebackSettings,
  listStatements,
  saveChargebackSettings,
} from "@/lib/chargeback";
import { pgPool } from "@/lib/db/pg-pool";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg } from "./support/budget-helpers";
import { spendAt } from "./support/chargeback-helpers";
import { closeConnections } from "./support/close-connections";
import { StripeStub } from "./support/stripe-stub";

// The real SDK, pointed at a local server through the operator setting (read once by lib/env).
const stub = await new StripeStub().start();
process.env.BURNRATE_STRIPE_API_URL = stub.url;

beforeAll(installShippedCatalogIfEmpty);
afterAll(async () => {
  await stub.stop();
  await closeConnections();
});

const KEY = "rk_test_51ExampleRestrictedKey0001";
const WHSEC = "whsec_testsecretAAAAAAAAAAAA";
const sdk = new Stripe("sk_test_only_for_the_test_helper");

/**
 * Customers acme $10.005 (markup 10%), globex $3.333333, initech $2 in August 2026 and a $1 fixed
 * cost shared evenly; Stripe connected; acme created in Stripe, the others mapped to ids.
 */
async function billedOrg(label: string, secret = WHSEC) {
  const org = await budgetOrg(label);
  await saveChargebackSettings(org, { partyDimension: "customer", rule: { method: "even" }, markups: { acme: "10" } });
  await connectStripe(org, { secretKey: KEY, webhookSecret: secret });
  await spendAt(org.orgId, [
    ["10.005", "2026-08-03T00:00:00Z", { customer: "acme" }],
    ["3.333333", "2026-08-03T00:00:00Z", { customer: "globex" }],
    ["2", "2026-08-03T00:00:00Z", { customer: "initech" }],
  ]);
  await addFixedCost(org, { period: "2026-08", name: "Platform fee", amount: "1" });
  const acme = await mapStripeCustomer(org, { party: "acme", create: true, email: "billing@acme.test" });
  await mapStripeCustomer(org, { party: "globex", stripeCustomerId: "cus_globex1" });
  await mapStripeCustomer(org, { party: "initech", stripeCustomerId: "cus_initech1" });
  await closePeriod(org.orgId, "2026-08", new Date("2026-09-04T00:00:00Z"));
  const statements = Object.fromEntries(
    (await listStatements(org.orgId, "2026-08")).statements.map((s) => [s.party, s.id!]),
  );
  return { org, statements, acmeCustomer: acme.stripeCustomerId };
}

const invoicesOf = (customer: string) => [...stub.invoices.values()].filter((i) => i.customer === customer);
const itemsOf = (invoiceId: string) =>
  [...stub.items.values()].filter((i) => i.invoice === invoiceId).map((i) => i.amount);
const invoiceRow = async (orgId: string, statementId: string) =>
  (
    await pgPool().query(`SELECT * FROM chargeback_invoices WHERE "orgId" = $1 AND "statementId" = $2`, [
      orgId,
      statementId,
    ])
  ).rows[0];

describe("Stripe billing of customer statements", () => {
  let org: OrgContext;
  let statements: Record<string, string>;
  let acmeCustomer: string;
  beforeAll(async () => {
    ({ org, statements, acmeCustomer } = await billedOrg("stripe-bill"));
  });

  it("stores the key encrypted and never shows it again", async () => {
    const row = (await pgPool().query(`SELECT * FROM chargeback_settings WHERE "orgId" = $1`, [org.orgId])).rows[0];
    expect(JSON.stringify(row)).not.toContain(KEY);
    expect(JSON.stringify(row)).not.toContain(WHSEC);
    const view = await getChargebackSettings(org.orgId);
    expect(JSON.stringify(view)).not.toContain(KEY);
    expect(view.stripe).toMatchObject({ connected: true, keyHint: "rk_test_…0001" });
  });

  it("creates one invoice for exactly the statement total, its items adding up to it, then finalizes", async () => {
    // acme: 10.005 + 1/3 of $1 (0.333333333334: the remainder pico goes to the first key) = 10.338333333334,
    // +10% markup 1.033833333333 = 11.372166666667 -> 1137 cents. Items floored: 1000 (r .5c), 33 (r .33c),
    // 103 (r .38c) = 1136; the one cent left goes to the largest remainder: 1001 + 33 + 103.
    expect(await billStatement(org.orgId, statements.acme!)).toMatchObject({ status: "open" });
    const [invoice, ...more] = invoicesOf(acmeCustomer);
    expect(more).toHaveLength(0);
    expect(itemsOf(invoice!.id)).toEqual([1001, 33, 103]);
    expect(stub.invoiceView(invoice!).total).toBe(1137);
    expect(invoice!.status).toBe("open");
    expect(await invoiceRow(org.orgId, statements.acme!)).toMatchObject({
      status: "open",
      stripeInvoiceId: invoice!.id,
      expectedCents: 1137n,
      stripeTotalCents: 1137n,
    });
    // Billed already: another run sends nothing to Stripe.
    const sent = stub.requests.length;
    expect(await billStatement(org.orgId, statements.acme!)).toMatchObject({ status: "open" });
    expect(stub.requests.length).toBe(sent);
  });

  it("a run that fails half-way, and one that lost its own write, never bill twice", async () => {
    // globex: 3.333333 + 0.333333333333 = 3.666666333333 -> 367 cents; items 333 (r .3333c) and 33 (r .33333333c):
    // the allocated item has the larger remainder and takes the cent: 333 + 34.
    stub.failNext(/^POST \/v1\/invoiceitems$/); // the run dies after creating the invoice
    await expect(billStatement(org.orgId, statements.globex!)).rejects.toThrow();
    const half = await invoiceRow(org.orgId, statements.globex!);
    expect(half.status).toBe("draft");
    expect(half.lastError).toBeTruthy();
    // As if the invoice id had never been saved: the same idempotency key brings back the same invoice.
    await pgPool().query(
      `UPDATE chargeback_invoices SET "stripeInvoiceId" = NULL, status = 'pending' WHERE "orgId" = $1 AND "statementId" = $2`,
      [org.orgId, statements.globex],
    );
    expect(await billPendingInvoices()).toContainEqual(expect.objectContaining({ status: "open" }));
    const invoices = invoicesOf("cus_globex1");
    expect(invoices).toHaveLength(1);
    expect(itemsOf(invoices[0]!.id)).toEqual([333, 34]);
    expect(stub.invoiceView(invoices[0]!).total).toBe(367);
  });

  it("duplicated jobs at once bill once", async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => billStatement(org.orgId, statements.initech!)));
    expect(results.map((r) => r.status)).toContain("open");
    await billStatement(org.orgId, statements.initech!);
    const invoices = invoicesOf("cus_initech1");
    expect(invoices).toHaveLength(1);
    // initech: 2 + 0.333333333333 -> 233 cents.
    expect(stub.invoiceView(invoices[0]!).total).toBe(233);
    expect(itemsOf(invoices[0]!.id).reduce((s, a) => s + a, 0)).toBe(233);
  });

  it("holds the invoice with an alert when Stripe's total differs from the statement", async () => {
    const other = await billedOrg("stripe-hold");
    stub.extraCents = 5; // Stripe adds something of its own (a tax rate on the account, say)
    try {
      expect(await billStatement(other.org.orgId, other.statements.initech!)).toMatchObject({ status: "held" });
    } finally {
      stub.extraCents = 0;
    }
    const row = await invoiceRow(other.org.orgId, other.statements.initech!);
    expect(row).toMatchObject({ status: "held", expectedCents: 233n, stripeTotalCents: 238n });
    expect(row.heldReason).toContain("2.38");
    const invoiceId = row.stripeInvoiceId as string;
    expect(stub.invoices.get(invoiceId)!.status).toBe("draft");
    expect(stub.requests.some((r) => r.path === `/v1/invoices/${invoiceId}/finalize`)).toBe(false);
    const events = await pgPool().query(`SELECT type, data FROM outbox_events WHERE "orgId" = $1`, [other.org.orgId]);
    expect(events.rows).toEqual([
      expect.objectContaining({
        type: "chargeback.invoice_held",
        data: expect.objectContaining({ expectedTotal: "2.33", stripeTotal: "2.38" }),
      }),
    ]);
    // Held stays held: a retry does not finalize it.
    expect(await billStatement(other.org.orgId, other.statements.initech!)).toMatchObject({ status: "held" });

    // Released while Stripe still adds its 5 cents: compared again and held again (a second alert).
    stub.extraCents = 5;
    try {
      expect(await releaseHeldInvoice(other.org, other.statements.initech!)).toMatchObject({ status: "held" });
    } finally {
      stub.extraCents = 0;
    }
    expect((await invoiceRow(other.org.orgId, other.statements.initech!)).status).toBe("held");
    // The difference fixed in Stripe, released again: finalized, the same invoice and items (2.33 = 200 + 33).
    expect(await releaseHeldInvoice(other.org, other.statements.initech!)).toEqual({
      status: "open",
      stripeInvoiceId: invoiceId,
    });
    expect(await invoiceRow(other.org.orgId, other.statements.initech!)).toMatchObject({
      status: "open",
      stripeTotalCents: 233n,
      heldReason: null,
    });
    expect(stub.invoices.get(invoiceId)!.status).toBe("open");
    expect(itemsOf(invoiceId)).toEqual([200, 33]);
    const audit = await pgPool().query(
      `SELECT action, "actorLabel" FROM audit_logs WHERE "orgId" = $1 AND "targetId" = $2 ORDER BY "createdAt", id`,
      [other.org.orgId, other.statements.initech!],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      "stripe.invoice_held",
      "stripe.invoice_released",
      "stripe.invoice_held",
      "stripe.invoice_released",
    ]);
    expect(audit.rows[1].actorLabel).not.toMatch(/^Burnrate/);
    const held = await pgPool().query(`SELECT 1 FROM outbox_events WHERE "orgId" = $1 AND type = $2`, [
      other.org.orgId,
      "chargeback.invoice_held",
    ]);
    expect(held.rows).toHaveLength(2);
    // Not held any more: a 409; another organisation's statement: not found.
    await expect(releaseHeldInvoice(other.org, other.statements.initech!)).rejects.toMatchObject({ code: "conflict" });
    await expect(releaseHeldInvoice(org, other.statements.initech!)).rejects.toMatchObject({ code: "not_found" });
  });

  it("applies signed invoice webhooks once, refuses bad signatures and other organisations' invoices", async () => {
    const { stripeInvoiceId } = await invoiceRow(org.orgId, statements.acme!);
    const event = (id: string, type: string, invoice = stripeInvoiceId) =>
      JSON.stringify({ id, object: "event", type, data: { object: { id: invoice, object: "invoice" } } });
    const signed = (payload: string, secret = WHSEC) => sdk.webhooks.generateTestHeaderString({ payload, secret });

    const paid = event("evt_paid_1", "invoice.paid");
    expect(await handleStripeWebhook(org.orgId, paid, signed(paid))).toEqual({
      received: true,
      duplicate: false,
      updated: 1,
    });
    expect((await invoiceRow(org.orgId, statements.acme!)).status).toBe("paid");
    expect(await handleStripeWebhook(org.orgId, paid, signed(paid))).toEqual({
      received: true,
      duplicate: true,
      updated: 0,
    });
    // A late "finalized" never takes a paid invoice back to open.
    const late = event("evt_fin_1", "invoice.finalized");
    expect((await handleStripeWebhook(org.orgId, late, signed(late))).updated).toBe(0);
    expect((await invoiceRow(org.orgId, statements.acme!)).status).toBe("paid");

    const forged = event("evt_forged", "invoice.voided");
    await expect(
      handleStripeWebhook(org.orgId, forged, signed(forged, "whsec_someoneelseBBBBBBBB")),
    ).rejects.toMatchObject({
      code: "invalid_request",
      issues: [expect.objectContaining({ path: "stripe-signature" })],
    });
    await expect(handleStripeWebhook(org.orgId, forged, null)).rejects.toMatchObject({ code: "invalid_request" });
    const tampered = signed(event("evt_t", "invoice.paid", "in_other"));
    await expect(handleStripeWebhook(org.orgId, event("evt_t", "invoice.voided"), tampered)).rejects.toMatchObject({
      code: "invalid_request",
    });

    // Another organisation's correctly signed event naming this invoice changes nothing here.
    const other = await budgetOrg("stripe-other");
    await connectStripe(other, { secretKey: KEY, webhookSecret: "whsec_otherorgCCCCCCCCCC" });
    const voidIt = event("evt_void_x", "invoice.voided");
    expect(await handleStripeWebhook(other.orgId, voidIt, signed(voidIt, "whsec_otherorgCCCCCCCCCC"))).toMatchObject({
      updated: 0,
    });
    expect((await invoiceRow(org.orgId, statements.acme!)).status).toBe("paid");

    const failed = event(
      "evt_pf_1",
      "invoice.payment_failed",
      (await invoiceRow(org.orgId, statements.initech!)).stripeInvoiceId,
    );
    expect((await handleStripeWebhook(org.orgId, failed, signed(failed))).updated).toBe(1);
    expect((await invoiceRow(org.orgId, statements.initech!)).status).toBe("payment_failed");
  });
});
