import { expect, test } from "@playwright/test";
import { createAccount } from "../support/accounts";

// After sign-in the browser follows callbackUrl only to a path of this site.
const VARIANTS = [
  "//evil.example/phish",
  "/\\evil.example/phish",
  "/%5Cevil.example/phish",
  "%2F%2Fevil.example/phish",
  "https://evil.example/phish",
  "/%09/evil.example/phish",
];

test("sign-in with a hostile callbackUrl stays on this site", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const account = await createAccount(baseURL!, "redirect");
  const origin = new URL(baseURL!).origin;
  for (const callback of VARIANTS) {
    await page.context().clearCookies();
    // Raw in the query string, as an attacker's link would put it.
    await page.goto(`/login?callbackUrl=${callback}`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 });
    expect(new URL(page.url()).origin, callback).toBe(origin);
  }
  await page.context().clearCookies();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(`/${account.orgSlug}/explore`)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${account.orgSlug}/explore$`));
});
