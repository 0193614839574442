import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createAccount, createKey } from "../support/accounts";
import { markEmailVerified } from "../support/db";
import { PAGE_CASES } from "../support/page-cases";
import { signInWithForm } from "../support/ui";

/** Pages for people who are signed out (a signed-in visit may redirect away from them). */
/** The operators' page, seen as an operator (anyone else gets a 404). */
const OPERATORS = "/admin/prices";
const SIGNED_OUT = new Set([
  "/login",
  "/signup",
  "/forgot-password",
  "/reset-password/{token}",
  "/verify-email/{token}",
  "/invite/{token}",
]);

/**
 * Visits each page at 1440 and 420 px in light and dark mode: at 420 px it must not scroll sideways
 * (checked softly, so that every page is checked and photographed before the test fails); screenshots go
 * to screenshots/pages/<page>-<width>-<scheme>.png.
 */
async function checkPages(page: Page, pages: ReadonlyArray<readonly [string, string]>) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [pattern, path] of pages) {
      const name = pattern.replace(/[{}]/g, "").replace(/\//g, "_").replace(/^_/, "") || "root";
      for (const width of [1440, 420]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(path);
        await expect(page.locator("h1").first(), `${pattern} has a heading`).toBeVisible();
        // Panels load their data after the page: let them settle (skeletons have the final size anyway).
        await expect(page.locator('[role="status"][aria-label^="Loading"]')).toHaveCount(0, { timeout: 15_000 });
        if (width === 420) {
          await expect
            .soft(
              () =>
                expect
                  .poll(
                    () =>
                      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
                    { timeout: 5_000 },
                  )
                  .toBeLessThanOrEqual(0),
              `${pattern} (${scheme}) scrolls sideways at 420 px`,
            )
            .toPass({ timeout: 6_000 });
        }
        await page.mouse.move(0, 0);
        await page.screenshot({ path: `screenshots/pages/${name}-${width}-${scheme}.png`, fullPage: true });
      }
    }
  }
}

/**
 * Every page of the app (PAGE_CASES: the organisation's pages, the account pages and the signed-out ones)
 * at 420 px does not scroll sideways (tables scroll inside their cards), in light and dark mode; screenshots
 * at 1440 and 420 px of both modes go to screenshots/pages/.
 */
test("every page fits a narrow window, light and dark", async ({ page, baseURL, playwright, browser }) => {
  test.setTimeout(360_000);
  const owner = await createAccount(baseURL!, "narrow");
  const key = await createKey(owner, ["ingest"], "narrow");
  const now = Date.now();
  const events = Array.from({ length: 60 }, (_, i) => ({
    eventId: randomUUID(),
    timestamp: new Date(now - (i % 20) * 86_400_000 - 3_600_000).toISOString(),
    provider: "openai",
    model: ["gpt-4o", "gpt-4o-mini", "gpt-4.1"][i % 3],
    inputTokens: 2_000 + 900 * (i % 7),
    outputTokens: 120 + 40 * (i % 5),
    team: ["search", "support", "growth", "platform-infrastructure-long-team-name"][i % 4],
    feature: ["answers", "summaries", "nightly-report"][i % 3],
    customer: ["acme", "globex", "initech"][i % 3],
    ...(i % 3 === 2 ? { tags: { interactive: "false" } } : {}),
    ...(i % 11 === 0 ? { status: "error" } : {}),
  }));
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  expect((await svc.post("/api/v1/events", { data: { events } })).status()).toBe(202);
  await svc.dispose();
  await expect
    .poll(async () => (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/spend`)).json()).total.events, {
      timeout: 30_000,
    })
    .toBe(events.length);

  const all = Object.entries(PAGE_CASES).map(([pattern, c]) => [pattern, c.path(owner.orgSlug)] as const);
  const signedOut = all.filter(([pattern]) => SIGNED_OUT.has(pattern));
  const signedIn = all.filter(([pattern]) => !SIGNED_OUT.has(pattern) && pattern !== OPERATORS);
  expect(signedOut).toHaveLength(SIGNED_OUT.size); // every signed-out page is a known page

  const anonymous = await browser.newContext();
  await checkPages(await anonymous.newPage(), signedOut);
  await anonymous.close();
  await signInWithForm(page, owner);
  await checkPages(page, signedIn);

  // The operators' page, as the run's operator (admin-prices.spec.ts may have signed it up already).
  const email = process.env.BURNRATE_OPERATOR_EMAILS!;
  const password = "correct horse battery";
  const anon = await playwright.request.newContext({ baseURL });
  const signup = await anon.post("/api/auth/signup", { data: { email, password, organizationName: "Operators" } });
  expect([201, 409], await signup.text()).toContain(signup.status());
  await anon.dispose();
  await markEmailVerified(email);
  const operatorContext = await browser.newContext();
  const operatorPage = await operatorContext.newPage();
  await operatorPage.goto("/login");
  await operatorPage.getByLabel("Email").fill(email);
  await operatorPage.getByLabel("Password").fill(password);
  await operatorPage.getByRole("button", { name: "Sign in" }).click();
  await expect(operatorPage).not.toHaveURL(/\/login/);
  await checkPages(operatorPage, [[OPERATORS, OPERATORS]]);
  await operatorContext.close();

  // Every page has a title of its own.
  await page.goto(`/${owner.orgSlug}/savings`);
  await expect(page).toHaveTitle("Savings · Burnrate");
  await page.goto(`/${owner.orgSlug}/explore`);
  await expect(page).toHaveTitle("Explore · Burnrate");
});
