import { expect, test } from "@playwright/test";
import { createAccount } from "../support/accounts";
import { signInWithForm } from "../support/ui";

test("account page: change the password (every session ends), sign in with the new one; revoke an invite", async ({
  page,
  baseURL,
}) => {
  const account = await createAccount(baseURL!, "account-ui");
  await signInWithForm(page, account);

  await page.getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Email").fill("revoke-me@e2e.test");
  await page.getByRole("button", { name: /invite/i }).click();
  const row = page.getByTestId("invite-row").filter({ hasText: "revoke-me@e2e.test" });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveCount(0);

  await page.getByRole("link", { name: "Account and password" }).click();
  await expect(page.getByTestId("email-verified")).toBeVisible();
  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel("New password").fill("12345678");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(
    page.getByText("This is one of the most common passwords; choose another.", { exact: true }),
  ).toBeVisible();
  await page.screenshot({ path: "screenshots/account.png", fullPage: true });

  await page.getByLabel("New password").fill("a new and long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await account.api.get("/api/orgs")).status()).toBe(401); // the other session ended too

  await page.goto("/forgot-password");
  await expect(page.getByText("Ask the people who run it")).toBeVisible();
  await page.goto(`/login?callbackUrl=/${account.orgSlug}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("a new and long passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});
