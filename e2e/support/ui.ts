import { expect, type Page } from "@playwright/test";
import type { Account } from "./accounts";

/** Signs in through the login form, arriving on the organisation's overview. */
export async function signInWithForm(page: Page, account: Account) {
  await page.goto(`/${account.orgSlug}`);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${account.orgSlug}$`));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/**
 * The page must not scroll sideways (tables scroll inside their cards instead). Polled: after a
 * viewport resize, charts re-measure themselves on the next resize observation.
 */
export async function expectNoHorizontalOverflow(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), {
      timeout: 5_000,
    })
    .toBeLessThanOrEqual(0);
}
