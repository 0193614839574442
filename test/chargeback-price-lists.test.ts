import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billStatement, connectStripe, mapStripeCustomer } from "@/lib/billing";
import {
  addFixedCost,
  closePeriod,
  getChargebackSettings,
  listStatements,
  saveChargebackSettings,
} from "@/lib/chargeback";
import { parse } from "csv-parse/sync";
import { focusExportStream } from "@/lib/exports";
import { statementCsv } from "@/lib/exports/statement-csv";
import { pgPool } from "@/lib/db/pg-pool";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg } from "./support/budget-helpers";
import { spendAt } from "./support/chargeback-helpers";
import { closeConnections } from "./support/close-connections";
import { StripeStub } from "./support/stripe-stub";

const stub = await new StripeStub().start();
process.env.BURNRATE_STRIPE_API_URL = stub.url;

beforeAll(installShippedCatalogIfEmpty);
afterAll(async () => {
  await stub.stop();
  await closeConnections();
});

const totals = (v: Awaited<ReturnType<typeof listStatements>>) =>
  Object.fromEntries(
    v.statements.map((s) => [
      s.party,
      { direct: s.direct, allocated: s.allocated, markup: s.markup, adjustment: s.adjustment, total: s.total },
    ]),
  );

/**
 * house-7b costs $1 per 1M input tokens (1 token = $0.000001). August 2026: acme $10.005
 * (10,005,000 tokens), globex $3.333333; a $1 platform fee shared evenly. acme resells at its own
 * price list ($1.25 per 1M input tokens) plus 10%.
 */
describe("chargeback at a customer's price list", () => {
  let org: OrgContext;
  beforeAll(async () => {
    org = await budgetOrg("cb-pricelist");
    await saveChargebackSettings(org, {
      partyDimension: "customer",
      rule: { method: "even" },
      markups: { acme: "10" },
      priceLists: { acme: { "self-hosted/house-7b": { input: "1.25", output: "0" } } },
    });
    await spendAt(org.orgId, [
      ["10.005", "2026-08-03T00:00:00Z", { customer: "acme" }],
      ["3.333333", "2026-08-03T00:00:00Z", { customer: "globex" }],
    ]);
    await addFixedCost(org, { period: "2026-08", name: "Platform fee", amount: "1" });
  });

  it("statement: usage at the price list, the uplift and the percent in markup (worked by hand)", async () => {
    // acme: 10,005,000 tokens x $1.25/1M = 12.50625 (cost 10.005: uplift 2.50125); + allocated 0.5
    // = 13.00625; 10% = 1.300625; markup 2.50125 + 1.300625 = 3.801875; total 14.306875.
    // globex: 3.333333 + 0.5 = 3.833333, at cost, no markup.
    const view = await listStatements(org.orgId, "2026-08");
    expect(totals(view)).toEqual({
      acme: { direct: "10.005", allocated: "0.5", markup: "3.801875", adjustment: "0", total: "14.306875" },
      globex: { direct: "3.333333", allocated: "0.5", markup: "0", adjustment: "0", total: "3.833333" },
    });
    const acme = view.statements.find((s) => s.party === "acme")!;
    expect(acme.lines.find((l) => l.kind === "usage")).toMatchObject({ cost: "10.005", billed: "12.50625" });
    expect(acme.lines.filter((l) => l.kind === "price_list" || l.kind === "markup").map((l) => l.cost)).toEqual([
      "2.50125",
      "1.300625",
    ]);
    expect(view.totals.markup).toBe("3.801875");
    const csv = statementCsv(acme);
    expect(csv.split("\r\n")[0]).toContain(",Cost,BilledAtPriceList");
    expect(csv).toContain(",10.005,12.50625");
  });

  it("another organisation's party of the same name is billed at cost: price lists are per organisation", async () => {
    const other = await budgetOrg("cb-pricelist-other");
    await saveChargebackSettings(other, { partyDimension: "customer" });
    await spendAt(other.orgId, [["2", "2026-08-03T00:00:00Z", { customer: "acme" }]]);
    const view = await listStatements(other.orgId, "2026-08");
    expect(totals(view)).toEqual({
      acme: { direct: "2", allocated: "0", markup: "0", adjustment: "0", total: "2" },
    });
    expect(view.statements[0]!.lines.some((l) => l.billed !== undefined || l.kind === "price_list")).toBe(false);
    expect((await getChargebackSettings(other.orgId)).priceLists).toEqual({});
  });

  it("closes with the price list frozen: late usage is adjusted at the list it closed with", async () => {
    await closePeriod(org.orgId, "2026-08", new Date("2026-09-04T00:00:00Z"));
    const frozen = await pgPool().query(`SELECT "priceLists" FROM chargeback_periods WHERE "orgId" = $1`, [org.orgId]);
    expect(frozen.rows[0].priceLists).toEqual({ acme: { "self-hosted/house-7b": { input: "1.25", output: "0" } } });
    // The list changes for September on; a late August $1 of acme comes in.
    await saveChargebackSettings(org, {
      priceLists: { acme: { "self-hosted/house-7b": { input: "2", output: "0" } } },
    });
    expect((await getChargebackSettings(org.orgId)).priceLists.acme!["self-hosted/house-7b"]!.input).toBe("2");
    await spendAt(org.orgId, [["1", "2026-08-20T00:00:00Z", { customer: "acme" }]]);
    // August again at the frozen 1.25: 11,005,000 x 1.25 = 13.75625 + 0.5 = 14.25625, +10% = 15.681875;
    // it charged 14.306875: +1.375 (at today's $2 it would be 2.2 more).
    const sept = await listStatements(org.orgId, "2026-09");
    expect(totals(sept)).toEqual({
      acme: { direct: "0", allocated: "0", markup: "0", adjustment: "1.375", total: "1.375" },
    });
  });

  it("Stripe: the customer sees its usage at its price list, never the cost; items add up to the total", async () => {
    await saveChargebackSettings(org, {
      priceLists: { acme: { "self-hosted/house-7b": { input: "1.25", output: "0" } } },
    });
    await connectStripe(org, { secretKey: "rk_test_51PriceListKey0001", webhookSecret: "whsec_pricelistAAAAAAAA" });
    const customer = (await mapStripeCustomer(org, { party: "acme", stripeCustomerId: "cus_acme_pl" }))
      .stripeCustomerId;
    const aug = (await listStatements(org.orgId, "2026-08")).statements.find((s) => s.party === "acme")!;
    // Stripe was connected after August closed: its invoice row is queued as closing would have.
    await pgPool().query(
      `INSERT INTO chargeback_invoices ("orgId", "statementId", status, "expectedCents") VALUES ($1, $2, 'pending', 1431)`,
      [org.orgId, aug.id],
    );
    // 14.306875 -> 1430.6875 cents -> 1431. Items floored: usage 12.50625 -> 1250 (r .625c),
    // allocated 0.5 -> 50, markup 1.300625 -> 130 (r .0625c) = 1430; the cent left to usage: 1251.
    expect(await billStatement(org.orgId, aug.id!)).toMatchObject({ status: "open" });
    const invoice = [...stub.invoices.values()].find((i) => i.customer === customer)!;
    const items = [...stub.items.values()].filter((i) => i.invoice === invoice.id);
    expect(items.map((i) => [i.description, i.amount])).toEqual([
      ["LLM usage 2026-08 (acme) at your price list", 1251],
      ["Fixed cost: Platform fee", 50],
      ["Markup 10%", 130],
    ]);
    expect(stub.invoiceView(invoice).total).toBe(1431);
  });

  it("FOCUS: cost columns stay the organisation's cost; x_PriceListCost and x_MarkupPercent at each period's own rules", async () => {
    // September (open) under today's rules: acme's list at $2, proportional split; August keeps what it closed with
    // ($1.25, even). A late shared August event (2 tokens, 0.000002) and $1 of acme in September.
    await saveChargebackSettings(org, {
      rule: { method: "proportional" },
      priceLists: { acme: { "self-hosted/house-7b": { input: "2", output: "0" } } },
    });
    await spendAt(org.orgId, [
      ["0.000002", "2026-08-21T00:00:00Z"],
      ["1", "2026-09-02T00:00:00Z", { customer: "acme" }],
    ]);
    const chunks: Buffer[] = [];
    for await (const c of await focusExportStream(
      org.orgId,
      new Date("2026-08-01T00:00:00Z"),
      new Date("2026-10-01T00:00:00Z"),
    ))
      chunks.push(Buffer.from(c as Buffer));
    const rows = parse(Buffer.concat(chunks).toString("utf8"), { columns: true }) as Record<string, string>[];
    const view = rows.map((r) => [
      r.ChargePeriodStart!.slice(0, 10),
      r.x_Customer,
      r.AllocatedMethodId,
      r.BilledCost,
      r.EffectiveCost,
      r.x_PriceListCost,
      r.x_MarkupPercent,
    ]);
    // acme's August rows at the frozen $1.25: 10,005,000 x 1.25 = 12.50625, 1,000,000 x 1.25 = 1.25;
    // September at $2: 2. The shared 2,000,000 pico split evenly (frozen rule): 1,000,000 each, at cost
    // (x_PriceListCost empty on allocated rows); globex has no price list and no markup.
    expect(view).toEqual([
      ["2026-08-03", "acme", "", "10.005", "10.005", "12.50625", "10"],
      ["2026-08-03", "globex", "", "3.333333", "3.333333", "", ""],
      ["2026-08-20", "acme", "", "1", "1", "1.25", "10"],
      ["2026-09-02", "acme", "", "1", "1", "2", "10"],
      ["2026-08-01", "acme", "burnrate-chargeback-even", "0.000001", "0.000001", "", "10"],
      ["2026-08-01", "globex", "burnrate-chargeback-even", "0.000001", "0.000001", "", ""],
    ]);
  });
});
