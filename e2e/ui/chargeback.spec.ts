import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { addMember, createAccount, createKey } from "../support/accounts";
import { houseEvent, priceHouseModel } from "../support/budgets";
import { orgIdOf, query } from "../support/db";
import { expectNoHorizontalOverflow, signInWithForm } from "../support/ui";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });
const thisMonth = () => new Date().toISOString().slice(0, 7);

test("chargeback page: parties this month, rules editor with live preview, statement detail, exports; viewers only read", async ({
  page,
  baseURL,
  playwright,
  browser,
}) => {
  test.setTimeout(180_000);
  const owner = await createAccount(baseURL!, "chargeback-ui");
  await priceHouseModel(owner);
  const key = await createKey(owner, ["ingest"], "chargeback-ui");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  // search $3, growth $1, and $2 without a team (shared). UTC org: this month is the page's default.
  const events = [
    houseEvent(3_000_000, { team: "search", feature: "ask" }),
    houseEvent(1_000_000, { team: "growth" }),
    houseEvent(2_000_000),
  ];
  expect((await svc.post("/api/v1/events", { data: { events } })).status()).toBe(202);
  await svc.dispose();
  await expect
    .poll(async () => (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/spend`)).json()).total.cost, {
      timeout: 30_000,
    })
    .toBe("6");

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chargeback" }).click();
  await expect(page.getByRole("heading", { name: "Chargeback" })).toBeVisible();
  // Proportional by default: $2 shared 3:1 -> search 3 + 1.5 = $4.50, growth 1 + 0.5 = $1.50.
  const table = page.getByTestId("chargeback-table").first();
  await expect(table.getByTestId("chargeback-row")).toHaveCount(2);
  await expect(table.getByTestId("chargeback-row").filter({ hasText: "search" })).toContainText("$4.50");
  await expect(table.getByTestId("chargeback-row").filter({ hasText: "growth" })).toContainText("$1.50");
  await expect(table.getByTestId("chargeback-total")).toHaveText("$6.00");
  await expect(page.getByTestId("period-status")).toContainText("Open");
  await page.screenshot(shot("chargeback-period"));

  // The rules editor previews live: evenly -> $1 each; a 10% markup on search; a $4 fixed cost.
  const editor = page.getByTestId("rules-editor");
  await editor.getByLabel("Split shared costs").selectOption("even");
  const preview = page.getByTestId("rules-preview");
  await expect(preview.getByTestId("chargeback-row").filter({ hasText: "search" })).toContainText("$4.00");
  await editor.getByLabel("Markup percent per party (one per line)").fill("search = 10");
  await expect(preview.getByTestId("chargeback-row").filter({ hasText: "search" })).toContainText("$4.40");
  await editor.getByLabel("Fixed cost name").fill("GPU cluster");
  await editor.getByLabel("Fixed cost amount (USD)").fill("4");
  await editor.getByRole("button", { name: "Add fixed cost" }).click();
  await expect(editor.getByTestId("fixed-costs")).toContainText("GPU cluster");
  // even: ($2 + $4) / 2 = $3 each; search (3 + 3) * 1.1 = $6.60, growth 1 + 3 = $4.00.
  await expect(preview.getByTestId("chargeback-row").filter({ hasText: "search" })).toContainText("$6.60");
  await expect(preview.getByTestId("chargeback-total")).toHaveText("$10.60");
  // Fixed percentages that do not add up to 100 are refused naming the field.
  await editor.getByLabel("Split shared costs").selectOption("fixed");
  await editor.getByLabel("Percent per party (one per line, adding up to 100)").fill("search = 60\ngrowth = 30");
  await expect(editor.getByRole("alert").first()).toContainText("percents");
  await editor.getByLabel("Percent per party (one per line, adding up to 100)").fill("search = 60\ngrowth = 40");
  // 60/40 of $6: search (3 + 3.6) * 1.1 = $7.26, growth 1 + 2.4 = $3.40.
  await expect(preview.getByTestId("chargeback-total")).toHaveText("$10.66");
  // search resells at its own price list: its 3,000,000 tokens at $1.50/1M = $4.50 instead of $3 cost;
  // (4.5 + 3.6) * 1.1 = $8.91 (markup 1.5 + 0.81 = $2.31), growth $3.40.
  const prices = editor.getByLabel(/Price list per party/);
  await prices.fill("search e2e-house-7b 1.5");
  await expect(editor.getByRole("alert").first()).toContainText("price list line 1");
  await prices.fill("search | self-hosted/e2e-house-7b | input=1.5 output=0");
  const searchRow = preview.getByTestId("chargeback-row").filter({ hasText: "search" });
  await expect(searchRow).toContainText("$8.91");
  await expect(searchRow).toContainText("$2.31");
  await expect(preview.getByTestId("chargeback-total")).toHaveText("$12.31");
  await editor.getByRole("button", { name: "Save rules" }).click();
  await expect(editor.getByText("Saved")).toBeVisible();
  await page.screenshot(shot("chargeback-rules-editor"));
  await expectNoHorizontalOverflow(page);

  // The FOCUS export button downloads the month as CSV.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("focus-export").click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.split("\n")[0]).toContain("BilledCost");
  expect(csv).toContain("AI and Machine Learning");

  // A closed statement (as the closing job writes it) opens as a printable page.
  const orgId = await orgIdOf(owner.orgSlug);
  const lines = JSON.stringify([
    {
      kind: "usage",
      feature: "ask",
      provider: "self-hosted",
      model: "e2e-house-7b",
      requests: "1",
      inputTokens: "3000000",
      outputTokens: "0",
      cachedInputTokens: "0",
      cacheWriteTokens: "0",
      reasoningTokens: "0",
      costPico: "3000000000000",
      billedPico: "4500000000000",
    },
    {
      kind: "allocated",
      source: "shared-usage",
      description: "Shared usage (unattributed)",
      costPico: "1500000000000",
    },
    {
      kind: "price_list",
      description: "Price list: 1 usage line billed at search's price list instead of cost",
      costPico: "1500000000000",
    },
  ]);
  await query(
    `INSERT INTO chargeback_statements ("orgId", id, number, period, "periodStart", "periodEnd", "partyDimension", party, currency,
       "directPico", "allocatedPico", "markupPico", "adjustmentPico", "totalPico", lines)
     VALUES ($1, 'stmt-ui-1', 7, '2026-09', '2026-09-01', '2026-10-01', 'team', 'search', 'USD', 3000000000000, 1500000000000, 1500000000000, 0, 6000000000000, $2)`,
    [orgId, lines],
  );
  await query(
    `INSERT INTO chargeback_periods ("orgId", period, "periodStart", "periodEnd", "partyDimension", rule, markups, "fixedCosts")
     VALUES ($1, '2026-09', '2026-09-01', '2026-10-01', 'team', '{"method":"proportional"}', '{}', '[]')`,
    [orgId],
  );
  await page.getByTestId("period-input").fill("2026-09");
  await expect(page.getByTestId("period-status")).toContainText("Closed");
  await page.getByRole("link", { name: "CB-000007" }).click();
  await expect(page.getByRole("heading", { name: "Statement CB-000007" })).toBeVisible();
  await expect(page.getByTestId("statement-total")).toHaveText("$6.00");
  await expect(page.getByTestId("statement-usage")).toContainText("3,000,000");
  // Billed at the party's price list: the line shows its cost and what it is billed; the uplift is a markup line.
  await expect(page.getByTestId("statement-usage")).toContainText("Billed (price list)");
  await expect(page.getByTestId("statement-usage")).toContainText("$4.50");
  await expect(page.getByTestId("statement-line-price_list")).toContainText("$1.50");
  await page.screenshot(shot("chargeback-statement"));
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.screenshot(shot("chargeback-statement-print"));
  await page.emulateMedia({ media: "screen" });
  const statementCsv = await owner.api.get(`/api/orgs/${owner.orgSlug}/chargeback/statements/stmt-ui-1/csv`);
  expect(statementCsv.status()).toBe(200);
  expect(await statementCsv.text()).toContain("CB-000007,2026-09,team,search,USD,total,Total total");

  // A viewer sees the statements but neither the editor nor Stripe.
  const viewer = await addMember(baseURL!, owner, "VIEWER");
  const ctx = await browser.newContext();
  const vpage = await ctx.newPage();
  await signInWithForm(vpage, viewer);
  await vpage.goto(`/${owner.orgSlug}/chargeback`);
  await expect(vpage.getByTestId("period-input")).toHaveValue(thisMonth());
  await expect(vpage.getByTestId("chargeback-table")).toBeVisible();
  await expect(vpage.getByTestId("rules-editor")).toHaveCount(0);
  await expect(vpage.getByTestId("stripe-panel")).toHaveCount(0);
  await ctx.close();
});

test("Stripe panel: connect with a restricted key that is never shown again, map a customer", async ({
  page,
  baseURL,
  playwright,
}) => {
  const owner = await createAccount(baseURL!, "chargeback-stripe-ui");
  await priceHouseModel(owner);
  const key = await createKey(owner, ["ingest"], "stripe-ui");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  expect(
    (await svc.post("/api/v1/events", { data: { events: [houseEvent(2_000_000, { customer: "acme" })] } })).status(),
  ).toBe(202);
  await svc.dispose();
  await expect
    .poll(async () => (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/spend`)).json()).total.cost, {
      timeout: 30_000,
    })
    .toBe("2");
  const patched = await owner.api.patch(`/api/orgs/${owner.orgSlug}/chargeback/settings`, {
    data: { partyDimension: "customer" },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  await signInWithForm(page, owner);
  await page.goto(`/${owner.orgSlug}/chargeback`);
  const panel = page.getByTestId("stripe-panel");
  await panel.getByLabel("Stripe restricted key").fill("sk_live_notrestricted123456");
  await panel.getByLabel("Stripe webhook signing secret").fill("whsec_abcdefghijklmnop");
  await panel.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(panel.getByRole("alert")).toContainText("restricted key");
  await panel.getByLabel("Stripe restricted key").fill("rk_live_uiRestrictedKey9876");
  await panel.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(panel.getByTestId("stripe-status")).toContainText("rk_live_…9876");
  await expect(panel.getByLabel("Stripe restricted key")).toHaveValue("");
  const customers = panel.getByTestId("stripe-customers");
  await expect(customers).toContainText("acme");
  await customers.getByLabel("Stripe id of acme").fill("cus_AcmeInStripe");
  await customers.getByRole("button", { name: "Map" }).click();
  await expect(customers).toContainText("cus_AcmeInStripe");
  const settings = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/chargeback/settings`)).text();
  expect(settings).not.toContain("uiRestrictedKey");
  // The webhook endpoint is the app's base URL (NEXTAUTH_URL, here http://127.0.0.1:port), never the
  // origin the browser happens to use: the same session opened through http://localhost:port shows it too.
  const orgId = await orgIdOf(owner.orgSlug);
  const endpoint = `${baseURL}/api/webhooks/stripe/${orgId}`;
  await expect(panel.getByTestId("stripe-webhook-url")).toHaveText(endpoint);
  await page.screenshot(shot("chargeback-stripe"));
  const other = baseURL!.replace("127.0.0.1", "localhost");
  const cookies = (await page.context().cookies()).map(({ name, value, path, httpOnly, sameSite }) => ({
    name,
    value,
    path,
    httpOnly,
    sameSite,
    domain: "localhost",
    secure: false,
  }));
  const ctx = await page.context().browser()!.newContext();
  await ctx.addCookies(cookies);
  const elsewhere = await ctx.newPage();
  await elsewhere.goto(`${other}/${owner.orgSlug}/chargeback`);
  await expect(elsewhere.getByTestId("stripe-webhook-url")).toHaveText(endpoint);
  await ctx.close();
});

test("a held invoice is released for another billing run from the page (finance), audited; viewers cannot", async ({
  page,
  baseURL,
  browser,
}) => {
  test.setTimeout(120_000);
  const owner = await createAccount(baseURL!, "chargeback-release");
  const orgId = await orgIdOf(owner.orgSlug);
  // A closed customer statement whose invoice the billing run held (Stripe's total was 5 cents more).
  await query(
    `INSERT INTO chargeback_statements ("orgId", id, number, period, "periodStart", "periodEnd", "partyDimension", party, currency,
       "directPico", "allocatedPico", "markupPico", "adjustmentPico", "totalPico", lines)
     VALUES ($1, 'stmt-held-1', 3, '2026-09', '2026-09-01', '2026-10-01', 'customer', 'acme', 'USD', 2330000000000, 0, 0, 0, 2330000000000, '[]')`,
    [orgId],
  );
  await query(
    `INSERT INTO chargeback_periods ("orgId", period, "periodStart", "periodEnd", "partyDimension", rule, markups, "fixedCosts")
     VALUES ($1, '2026-09', '2026-09-01', '2026-10-01', 'customer', '{"method":"proportional"}', '{}', '[]')`,
    [orgId],
  );
  await query(
    `INSERT INTO chargeback_invoices ("orgId", "statementId", status, "stripeInvoiceId", "expectedCents", "stripeTotalCents", "heldReason")
     VALUES ($1, 'stmt-held-1', 'held', 'in_e2e_1', 233, 238, 'Stripe invoice total 2.38 differs from the statement total 2.33')`,
    [orgId],
  );

  // A viewer sees the held invoice but no release button.
  const viewer = await addMember(baseURL!, owner, "VIEWER");
  const ctx = await browser.newContext();
  const vpage = await ctx.newPage();
  await signInWithForm(vpage, viewer);
  await vpage.goto(`/${owner.orgSlug}/chargeback`);
  await vpage.getByTestId("period-input").fill("2026-09");
  await expect(vpage.getByTestId("chargeback-row").filter({ hasText: "acme" })).toContainText("held");
  await expect(vpage.getByTestId("release-invoice")).toHaveCount(0);
  await ctx.close();

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  await page.goto(`/${owner.orgSlug}/chargeback`);
  await page.getByTestId("period-input").fill("2026-09");
  const row = page.getByTestId("chargeback-table").first().getByTestId("chargeback-row").filter({ hasText: "acme" });
  await expect(row).toContainText("held");
  await page.screenshot(shot("chargeback-invoice-held"));
  await row.getByTestId("release-invoice").click();
  // Stripe is not connected in this organisation: the run leaves the released invoice as a draft.
  await expect(row).toContainText("draft");
  await expect(row).not.toContainText("held");
  await expect(row.getByTestId("release-invoice")).toHaveCount(0);
  await page.screenshot(shot("chargeback-invoice-released"));
  const [invoice] = await query<{ status: string; heldReason: string | null }>(
    `SELECT status, "heldReason" FROM chargeback_invoices WHERE "orgId" = $1 AND "statementId" = 'stmt-held-1'`,
    [orgId],
  );
  expect(invoice).toEqual({ status: "draft", heldReason: null });
  const audit = await query<{ action: string; metadata: { heldReason: string } }>(
    `SELECT action, metadata FROM audit_logs WHERE "orgId" = $1 AND "targetId" = 'stmt-held-1'`,
    [orgId],
  );
  expect(audit).toEqual([
    {
      action: "stripe.invoice_released",
      metadata: { heldReason: "Stripe invoice total 2.38 differs from the statement total 2.33" },
    },
  ]);
  // Released already: a second release is a 409.
  const again = await owner.api.post(`/api/orgs/${owner.orgSlug}/chargeback/statements/stmt-held-1/release`);
  expect(again.status()).toBe(409);
});
