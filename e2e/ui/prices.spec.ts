import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { addMember, createAccount, createKey } from "../support/accounts";
import { expectNoHorizontalOverflow, signInWithForm } from "../support/ui";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });
const MODEL = "acme-internal-7b";

test("unpriced usage gets a custom price, is re-priced, and the catalog is browsable; viewers read only", async ({
  page,
  baseURL,
  playwright,
  browser,
}) => {
  test.setTimeout(120_000); // two sign-ups with password hashing dominate
  const owner = await createAccount(baseURL!, "prices-ui");
  const key = await createKey(owner, ["ingest"], "prices-ui");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  const events = [1, 2, 3].map(() => ({
    eventId: randomUUID(),
    timestamp: new Date().toISOString(),
    provider: "self-hosted",
    model: MODEL,
    inputTokens: 1000,
    outputTokens: 500,
  }));
  const posted = await svc.post("/api/v1/events", { data: { events } });
  expect(posted.status(), await posted.text()).toBe(202);
  await expect
    .poll(async () => (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/unpriced`)).json()).totalEvents, {
      timeout: 30_000,
    })
    .toBe(3);
  await svc.dispose();

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  const unpriced = page.getByTestId("unpriced-row");
  await expect(unpriced).toHaveCount(1);
  await expect(unpriced).toContainText(`self-hosted / ${MODEL}`);
  await expect(unpriced.getByRole("cell").nth(1)).toHaveText("3");
  await expect(page.getByTestId("unpriced-total")).toHaveText("3");
  await page.screenshot(shot("overview-unpriced"));
  await page.setViewportSize({ width: 420, height: 900 });
  await expectNoHorizontalOverflow(page);
  await unpriced.scrollIntoViewIfNeeded();
  await expect(unpriced.getByRole("link", { name: "Add a price" })).toBeInViewport();
  await page.screenshot(shot("overview-unpriced-narrow"));
  await page.setViewportSize({ width: 1280, height: 900 });

  // "Add a price" opens the prices page with the model filled in.
  await unpriced.getByRole("link", { name: "Add a price" }).click();
  await expect(page.getByRole("heading", { name: "Prices" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Prices" })).toHaveAttribute("aria-current", "page");
  await expect(page.locator("#custom-provider")).toHaveValue("self-hosted");
  await expect(page.locator("#custom-model")).toHaveValue(MODEL);
  await expect(page.getByText("No discounts or custom prices")).toBeVisible();

  // A bad price is refused with the message under its field.
  await page.getByLabel("Input $/1M", { exact: true }).fill("cheap");
  await page.getByLabel("Output $/1M").fill("0.80");
  await page.getByRole("button", { name: "Add price" }).click();
  const inputField = page.locator("#custom-input");
  await expect(inputField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("a decimal string with at most 6 decimals")).toBeVisible();
  await expect(page.getByText("Check the highlighted field.")).toBeVisible();

  await page.getByLabel("Input $/1M", { exact: true }).fill("0.40");
  await page.getByLabel("Cached input $/1M").fill("0.10");
  await page.getByRole("button", { name: "Add price" }).click();
  await expect(page.getByTestId("reprice-job")).toContainText(`Re-pricing ${MODEL}`);
  await page.screenshot(shot("prices-repricing"));
  await expect(page.getByTestId("reprice-finished")).toContainText("3 events re-priced", { timeout: 30_000 });
  await expect(page.getByTestId("reprice-job")).toHaveCount(0);
  const row = page.getByTestId("override-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`self-hosted / ${MODEL}`);
  await expect(row).toContainText("in $0.40 · out $0.80 · cached $0.10");

  // Catalog: paginated, searchable, filterable.
  await expect(page.getByTestId("catalog-range")).toHaveText(/^1–20 of \d{2,}/);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("catalog-range")).toHaveText(/^21–40 of /);
  await page.getByLabel("Search models").fill("gpt-4o");
  await expect(page.getByTestId("catalog-range")).toHaveText(/^1–\d+ of \d+$/);
  const gpt4o = page.getByTestId("catalog-row").filter({ hasText: "openai / gpt-4o" }).first();
  await expect(gpt4o).toContainText("$2.50");
  await expect(gpt4o).toContainText("$10.00");
  await page.locator("#catalog-provider").selectOption("anthropic");
  await expect(page.getByText("No models match")).toBeVisible();
  await page.locator("#catalog-provider").selectOption("");
  await expect(gpt4o).toBeVisible();

  // A discount marks the catalog rows it affects; ending it keeps it greyed in the list.
  await page.getByLabel("Percent off").fill("12.5");
  await page.getByLabel("Provider (optional)").fill("openai");
  await page.getByRole("button", { name: "Add discount" }).click();
  await expect(gpt4o.getByText("12.5% off")).toBeVisible();
  await expect(page.getByTestId("override-row")).toHaveCount(2);
  await page.screenshot(shot("prices"));
  page.once("dialog", (d) => void d.accept());
  await page
    .getByTestId("override-row")
    .filter({ hasText: "all openai models" })
    .getByRole("button", { name: "End" })
    .click();
  await expect(page.getByTestId("override-row").filter({ hasText: "all openai models" })).toContainText("ended");
  await expect(page.getByTestId("override-row").last()).toContainText("all openai models");
  await expect(gpt4o.getByText("12.5% off")).toHaveCount(0);

  await page.setViewportSize({ width: 420, height: 900 });
  await expectNoHorizontalOverflow(page);
  await page.screenshot(shot("prices-narrow"));

  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByText("Every event is priced")).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.screenshot(shot("overview-priced-narrow"));

  // A viewer sees the prices but no forms and no end buttons.
  const viewer = await addMember(baseURL!, owner, "VIEWER");
  const viewerContext = await browser.newContext({ baseURL });
  const viewerPage = await viewerContext.newPage();
  await signInWithForm(viewerPage, viewer);
  await viewerPage.goto(`/${owner.orgSlug}/settings/prices`);
  await expect(viewerPage.getByText("Your role (VIEWER) can see prices but not change them.")).toBeVisible();
  await expect(viewerPage.getByTestId("override-row")).toHaveCount(2);
  await expect(viewerPage.getByRole("button", { name: "Add price" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Add discount" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await viewerPage.screenshot(shot("prices-viewer"));
  await viewerContext.close();
});
