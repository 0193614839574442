import { expect, test } from "@playwright/test";
import { addMember, createAccount, createKey } from "../support/accounts";
import { eventually, houseEvent, priceHouseModel } from "../support/budgets";
import { signInWithForm } from "../support/ui";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });

// Hard caps as people see them: a per-customer cap reached by spend shows on the Overview and the
// budget page (since when, spend against the cap, refusals); a FINANCE member overrides it from
// the page and the limits API allows the customer again; a VIEWER sees no Override button; the
// dry run over HTTP names what a cap would hold. Figures by hand: 1 token of the house model = $0.000001.
test("a capped customer on the Overview and the budget page, overridden from the page; dry run over HTTP", async ({
  page,
  baseURL,
  playwright,
  browser,
}) => {
  test.setTimeout(150_000);
  const owner = await createAccount(baseURL!, "caps-ui");
  await priceHouseModel(owner);
  const made = await owner.api.post(`/api/orgs/${owner.orgSlug}/budgets`, {
    data: { name: "per customer cap", scope: { customer: "*" }, period: "month", amount: "1.00", hardCap: true },
  });
  expect(made.status(), await made.text()).toBe(201);
  const budgetId: string = (await made.json()).budget.id;
  const key = await createKey(owner, ["ingest"], "caps-ui");
  const reader = await createKey(owner, ["read"], "caps-ui-read");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  const readSvc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${reader.secret}` },
  });
  // acme: 0.80 + 0.45 = $1.25 ≥ $1.00 → capped; globex: $0.30 → not.
  const events = [
    houseEvent(800_000, { customer: "acme" }),
    houseEvent(450_000, { customer: "acme" }),
    houseEvent(300_000, { customer: "globex" }),
  ];
  expect((await svc.post("/api/v1/events", { data: { events } })).status()).toBe(202);
  const capped = await eventually(async () => {
    const r = await (await readSvc.get("/api/v1/limits?customer=acme")).json();
    return r.allowed === false ? r : undefined;
  });
  expect(capped.budgets[0]).toMatchObject({ id: budgetId, scopeValue: "acme", spent: "1.25", capped: true });
  // A reservation for acme is refused (and counted on the page); globex may go ahead.
  const refused = await (
    await svc.post("/api/v1/limits/reserve", { data: { customer: "acme", estimatedCost: "0.10" } })
  ).json();
  expect(refused).toMatchObject({ allowed: false, budget: { id: budgetId } });
  expect((await (await readSvc.get("/api/v1/limits?customer=globex")).json()).allowed).toBe(true);

  // Dry run: a $0.50 cap per customer would hold acme ($1.25) and not globex ($0.30).
  const dry = await readSvc.post("/api/v1/budgets/dry-run", {
    data: { scope: { customer: "*" }, period: "month", amount: "0.50" },
  });
  expect(dry.status(), await dry.text()).toBe(200);
  expect(await dry.json()).toMatchObject({
    wouldCapNow: [{ scopeValue: "acme", spent: "1.25" }],
    wouldCapNowCount: 1,
  });
  const badDry = await readSvc.post("/api/v1/budgets/dry-run", { data: { period: "month", amount: "x" } });
  expect(badDry.status()).toBe(400);
  expect((await badDry.json()).error.issues[0].path).toBe("amount");

  // The Overview lists the capped scope.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  const panel = page.getByTestId("capped-scopes");
  await expect(panel.getByTestId("capped-scope")).toHaveCount(1);
  await expect(panel.getByTestId("capped-scope")).toContainText("per customer cap");
  await expect(panel.getByTestId("capped-scope")).toContainText("acme");
  await expect(panel.getByTestId("capped-scope")).toContainText("$1.25 / $1.00");
  await expect(panel.getByTestId("capped-scope")).toContainText("1 · $0.10");
  await panel.screenshot({ path: "screenshots/caps-overview.png" });

  // The owner sets the fail mode on the organisation settings; the API reference shows the caps walk-through.
  await page.goto(`/${owner.orgSlug}/settings/organization`);
  const failMode = page.getByTestId("cap-fail-mode");
  await expect(failMode.getByLabel(/Fail open/)).toBeChecked();
  await failMode.getByLabel(/Fail closed/).check();
  await failMode.getByRole("button", { name: "Save" }).click();
  await expect(failMode.getByRole("status")).toHaveText("Saved: fail closed");
  await page.screenshot(shot("caps-fail-mode"));
  await page.reload();
  await expect(page.getByTestId("cap-fail-mode").getByLabel(/Fail closed/)).toBeChecked();
  await page.goto(`/${owner.orgSlug}/docs#hard-caps`);
  await expect(page.locator("#hard-caps")).toContainText("/api/v1/limits/reserve");
  await page.locator("#hard-caps").screenshot({ path: "screenshots/caps-api-reference.png" });

  // A FINANCE member overrides from the budget page: +$0.50 → cap $1.50, acme allowed again.
  const finance = await addMember(baseURL!, owner, "FINANCE");
  const financeContext = await browser.newContext();
  const fp = await financeContext.newPage();
  await fp.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(fp, finance);
  await fp.goto(`/${owner.orgSlug}/budgets/${budgetId}`);
  const onPage = fp.getByTestId("capped-scopes");
  await expect(onPage.getByTestId("capped-scope")).toContainText("acme");
  await fp.screenshot(shot("caps-budget-page"));
  await onPage.getByRole("button", { name: "Override" }).click();
  await fp.getByLabel("Allow another (USD)").fill("0.50");
  await fp.getByLabel("Reason").fill("launch week");
  await fp.getByRole("button", { name: "Allow until period end" }).click();
  await expect(fp.getByTestId("cap-overrides")).toContainText("+$0.50 for acme");
  await expect(fp.getByTestId("cap-overrides")).toContainText("launch week");
  const after = await (await readSvc.get("/api/v1/limits?customer=acme")).json();
  expect(after).toMatchObject({ allowed: true, budgets: [{ amount: "1.5", override: "0.5", remaining: "0.25" }] });
  await eventually(async () => {
    const list = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/caps`)).json();
    return list.caps.length === 0 ? true : undefined;
  });
  await expect(onPage.getByText("Nothing is capped")).toBeVisible({ timeout: 20_000 });
  await fp.screenshot(shot("caps-budget-page-overridden"));
  await financeContext.close();

  // A VIEWER reads the page without an Override button, and may not override by API.
  const viewer = await addMember(baseURL!, owner, "VIEWER");
  const forbidden = await viewer.api.post(`/api/orgs/${owner.orgSlug}/budgets/${budgetId}/overrides`, {
    data: { amount: "1.00", scopeValue: "acme" },
  });
  expect(forbidden.status()).toBe(403);
  await svc.dispose();
  await readSvc.dispose();
});
