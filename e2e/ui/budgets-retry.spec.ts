import { expect, test, type Page, type Route } from "@playwright/test";
import { createAccount, createKey } from "../support/accounts";
import { signInWithForm } from "../support/ui";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });

/** Makes the dashboard API's GETs whose path matches `re` (never a page's own URL) fail with a 500 while `on()` is true. */
async function failWhile(page: Page, re: RegExp, on: () => boolean) {
  await page.route(
    (url) => re.test(url.pathname),
    (route: Route) =>
      on() && route.request().method() === "GET"
        ? route.fulfill({
            status: 500,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "internal", message: "Injected failure" } }),
          })
        : route.continue(),
  );
}

/**
 * Each budgets panel shows its own error with a Retry that loads it again once the server answers:
 * the budgets list, a budget's status on its card, the Overview's budgets at risk, a budget's page
 * and its history, the alerts list.
 */
test("budgets panels fail on their own and recover with Retry", async ({ page, baseURL, playwright }) => {
  test.setTimeout(120_000);
  const owner = await createAccount(baseURL!, "budgets-retry");
  const created = await owner.api.post(`/api/orgs/${owner.orgSlug}/budgets`, {
    data: { name: "Retry monthly", period: "month", amount: "10.00", thresholds: [{ percent: 80 }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const budgetId: string = (await created.json()).budget.id;
  // One event, so that the Overview shows its panels (not the getting-started state).
  const key = await createKey(owner, ["ingest"], "budgets-retry");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  const event = {
    eventId: `retry-${budgetId}`,
    timestamp: new Date().toISOString(),
    provider: "openai",
    model: "gpt-4o-mini",
    inputTokens: 100,
    outputTokens: 10,
  };
  expect((await svc.post("/api/v1/events", { data: event })).status()).toBe(202);
  await svc.dispose();
  await expect
    .poll(async () => (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/spend`)).json()).total.events, {
      timeout: 30_000,
    })
    .toBe(1);
  await signInWithForm(page, owner);

  let failing = true;
  const on = () => failing;
  await failWhile(page, /^\/api\/orgs\/[^/]+\/(budgets|alerts)$/, on);

  // The list of budgets.
  await page.goto(`/${owner.orgSlug}/budgets`);
  const listError = page.getByText("Could not load budgets");
  await expect(listError).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Injected failure")).toBeVisible();
  await page.screenshot(shot("budgets-retry-error"));
  failing = false;
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("budget-card")).toContainText("Retry monthly");
  await expect(listError).toHaveCount(0);

  // One budget's status, on its card.
  await page.unrouteAll();
  await failWhile(page, /^\/api\/orgs\/[^/]+\/budgets\/[^/]+\/status$/, on);
  failing = true;
  await page.reload();
  const card = page.getByTestId("budget-card");
  await expect(card.getByText("Could not load its status")).toBeVisible({ timeout: 20_000 });
  failing = false;
  await card.getByRole("button", { name: "Retry" }).click();
  await expect(card.getByTestId("budget-resets")).toBeVisible();
  await expect(card.getByText("Could not load its status")).toHaveCount(0);

  // The Overview's budgets at risk.
  await page.unrouteAll();
  await failWhile(page, /\/api\/orgs\/[^/]+\/budgets$/, on);
  failing = true;
  await page.goto(`/${owner.orgSlug}`);
  const risk = page.getByTestId("budgets-at-risk");
  await expect(risk.getByText("Could not load budgets")).toBeVisible({ timeout: 20_000 });
  failing = false;
  await risk.getByRole("button", { name: "Retry" }).click();
  await expect(risk).toContainText("All 1 budgets are on track.");

  // A budget's page, and its history.
  await page.unrouteAll();
  await failWhile(page, /^\/api\/orgs\/[^/]+\/budgets\/[^/]+(\/status|\/history)?$/, on);
  failing = true;
  await page.goto(`/${owner.orgSlug}/budgets/${budgetId}`);
  await expect(page.getByText("Could not load the budget")).toBeVisible({ timeout: 20_000 });
  failing = false;
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("budget-spent")).toBeVisible();
  failing = true;
  await page.reload();
  await expect(page.getByText("Could not load the budget")).toBeVisible({ timeout: 20_000 });
  await page.unrouteAll();
  await failWhile(page, /^\/api\/orgs\/[^/]+\/budgets\/[^/]+\/history$/, on);
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Could not load the history")).toBeVisible({ timeout: 20_000 });
  failing = false;
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Could not load the history")).toHaveCount(0);

  // The alerts list.
  await page.unrouteAll();
  await failWhile(page, /\/api\/orgs\/[^/]+\/alerts$/, on);
  failing = true;
  await page.goto(`/${owner.orgSlug}/alerts`);
  await expect(page.getByText("Could not load alerts")).toBeVisible({ timeout: 20_000 });
  failing = false;
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Could not load alerts")).toHaveCount(0);
});
