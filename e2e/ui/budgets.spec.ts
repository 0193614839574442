import { expect, test } from "@playwright/test";
import { addMember, createAccount, createKey } from "../support/accounts";
import { houseEvent, priceHouseModel } from "../support/budgets";
import { expectNoHorizontalOverflow, signInWithForm } from "../support/ui";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });

test("create a budget through the form, see its progress, open it, acknowledge its alert; viewers only read", async ({
  page,
  baseURL,
  playwright,
  browser,
}) => {
  test.setTimeout(180_000);
  const owner = await createAccount(baseURL!, "budgets-ui");
  await priceHouseModel(owner);
  const key = await createKey(owner, ["ingest"], "budgets-ui");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  // search: 3.25 + 1.50 = $4.75 of $10.00 = 47.5% (crosses 40%, not 100%); growth: $2.00 (over a $1.00 budget).
  const events = [
    houseEvent(3_250_000, { team: "search" }),
    houseEvent(1_500_000, { team: "search" }),
    houseEvent(2_000_000, { team: "growth" }),
  ];
  expect((await svc.post("/api/v1/events", { data: { events } })).status()).toBe(202);
  await svc.dispose();
  await expect
    .poll(async () => (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/spend`)).json()).total.cost, {
      timeout: 30_000,
    })
    .toBe("6.75");

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Budgets" }).click();
  await expect(page.getByText("No budgets yet")).toBeVisible();
  await page.screenshot(shot("budgets-empty"));

  await page.getByRole("link", { name: "New budget" }).click();
  await page.getByLabel("Name").fill("Search monthly");
  await page.getByLabel("Amount (USD per period)").fill("10.00");
  await page.getByLabel("Add a dimension").selectOption("team");
  await page.getByLabel("team value").fill("search");
  await page.getByLabel("Threshold 1 value").fill("40");
  await expect(page.getByTestId("preview-spent")).toHaveText("$4.75", { timeout: 15_000 });
  await page.screenshot(shot("budget-form"));
  // A bad amount is refused naming the field, and nothing is created.
  await page.getByLabel("Amount (USD per period)").fill("ten");
  await page.getByRole("button", { name: "Create budget" }).click();
  await expect(page.locator("form [role=alert]")).toContainText("amount");
  await page.getByLabel("Amount (USD per period)").fill("10.00");
  await page.getByRole("button", { name: "Create budget" }).click();

  await expect(page).toHaveURL(new RegExp(`/${owner.orgSlug}/budgets/[^/]+$`));
  await expect(page.getByTestId("budget-spent")).toHaveText("$4.75");
  await expect(page.getByTestId("budget-percent")).toHaveText("47.5%");
  await expect(page.getByTestId("thresholds-crossed")).toContainText("40% ($4.00) crossed", { timeout: 20_000 });
  await expect(page.getByTestId("budget-history")).toContainText("$4.75");
  await page.screenshot(shot("budget-detail"));

  const over = await owner.api.post(`/api/orgs/${owner.orgSlug}/budgets`, {
    data: { name: "Growth guard", scope: { team: "growth" }, period: "month", amount: "1.00" },
  });
  expect(over.status()).toBe(201);
  await page.goto(`/${owner.orgSlug}/budgets`);
  const cards = page.getByTestId("budget-card");
  await expect(cards).toHaveCount(2);
  const search = cards.filter({ hasText: "Search monthly" });
  await expect(search.getByTestId("budget-spent")).toHaveText("$4.75");
  await expect(search.getByTestId("budget-percent")).toHaveText("47.5%");
  await expect(search.getByTestId("budget-resets")).toContainText("resets in");
  const growth = cards.filter({ hasText: "Growth guard" });
  await expect(growth.getByTestId("budget-percent")).toHaveText("200.0%", { timeout: 20_000 });
  await expect(growth).toContainText("over");
  await page.screenshot(shot("budgets-list"));
  await page.setViewportSize({ width: 420, height: 900 });
  await expectNoHorizontalOverflow(page);
  await page.screenshot(shot("budgets-list-420"));
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
  const rows = page.getByTestId("alert-row");
  await expect(rows).toHaveCount(2);
  const searchAlert = rows.filter({ hasText: "Search monthly" });
  await expect(searchAlert).toContainText("40% ($4.00)");
  await searchAlert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(searchAlert).toContainText("acknowledged");
  await page.getByRole("button", { name: "open", exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Growth guard");
  await page.screenshot(shot("alerts"));
  await page.setViewportSize({ width: 420, height: 900 });
  await expectNoHorizontalOverflow(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  const risk = page.getByTestId("budgets-at-risk");
  await expect(risk).toContainText("Growth guard");
  await expect(risk).not.toContainText("Search monthly");
  await risk.scrollIntoViewIfNeeded();
  await page.screenshot(shot("overview-budgets-at-risk"));

  await page.goto(`/${owner.orgSlug}/settings/organization`);
  const timeZone = page.getByTestId("time-zone");
  await timeZone.getByLabel("Time zone").selectOption("Europe/Berlin");
  await timeZone.getByRole("button", { name: "Save" }).click();
  await expect(timeZone.getByRole("status")).toContainText("Europe/Berlin");
  await page.screenshot(shot("settings-organization"));

  const viewer = await addMember(baseURL!, owner, "VIEWER");
  const viewerPage = await (await browser.newContext()).newPage();
  await signInWithForm(viewerPage, viewer);
  await viewerPage.goto(`/${owner.orgSlug}/budgets`);
  await expect(viewerPage.getByTestId("budget-card")).toHaveCount(2);
  await expect(viewerPage.getByRole("link", { name: "New budget" })).toHaveCount(0);
  await viewerPage.goto(`/${owner.orgSlug}/alerts`);
  await expect(viewerPage.getByTestId("alert-row").first()).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Acknowledge", exact: true })).toHaveCount(0);
  await viewerPage.goto(`/${owner.orgSlug}/budgets/new`);
  await expect(viewerPage.getByText("You don't have access to this page")).toBeVisible();
});

test("an end-user budget with an owner: previewed from the events, created, shown with its owner, deleted", async ({
  page,
  baseURL,
  playwright,
}) => {
  test.setTimeout(120_000);
  const owner = await createAccount(baseURL!, "budgets-enduser");
  await priceHouseModel(owner);
  const key = await createKey(owner, ["ingest"], "enduser-service");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  // u1: 1.25 + 0.25 = $1.50, u2: $0.50, and $3.00 without an end user (nobody's).
  const events = [
    houseEvent(1_250_000, { endUser: "u1" }),
    houseEvent(250_000, { endUser: "u1" }),
    houseEvent(500_000, { endUser: "u2" }),
    houseEvent(3_000_000),
  ];
  expect((await svc.post("/api/v1/events", { data: { events } })).status()).toBe(202);
  await svc.dispose();

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  await page.goto(`/${owner.orgSlug}/budgets/new`);
  await page.getByLabel("Name").fill("Per end user");
  await page.getByLabel("Amount (USD per period)").fill("1.00");
  await page.getByLabel("Add a dimension").selectOption("apiKey");
  // The API key row suggests the organisation's keys by id, labelled with their names.
  await expect(page.locator("#scope-apiKey-values option")).toHaveAttribute("label", /enduser-service/);
  await expect(page.locator("#scope-apiKey-values option")).toHaveAttribute("value", key.id);
  await page.getByTestId("scope-row").filter({ hasText: "API key" }).getByRole("button", { name: "Remove" }).click();
  await page.getByLabel("Add a dimension").selectOption("endUser");
  await page.getByTestId("scope-row").filter({ hasText: "end user" }).getByLabel("each value").check();
  await page.getByLabel("Owner").selectOption({ label: owner.email });
  // The organisation keeps no end-user spend yet: the preview reads the events.
  await expect(page.getByTestId("preview-spent")).toHaveText("$2.00", { timeout: 15_000 });
  await expect(page.getByTestId("budget-preview")).toContainText("u1");
  await page.screenshot(shot("budget-form-enduser"));
  await page.getByRole("button", { name: "Create budget" }).click();

  await expect(page).toHaveURL(new RegExp(`/${owner.orgSlug}/budgets/[^/]+$`));
  await expect(page.getByTestId("budget-owner")).toHaveText(`Owner: ${owner.email}`);
  const values = page.getByTestId("budget-values");
  await expect(values.getByRole("row").nth(1)).toContainText("u1", { timeout: 30_000 });
  await expect(values.getByRole("row").nth(1)).toContainText("$1.50");
  await expect(values.getByRole("row").nth(2)).toContainText("u2");
  await page.screenshot(shot("budget-detail-enduser"));

  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Owner")).toHaveValue(/.+/);
  await expect(page.getByTestId("scope-row")).toContainText("each value (*)");
  await page.goBack();

  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Per end user");
  await page.getByRole("button", { name: "Delete budget" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner.orgSlug}/budgets$`));
  await expect(page.getByText("No budgets yet")).toBeVisible();
  const list = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/budgets`)).json();
  expect(list.budgets).toEqual([]);
});
