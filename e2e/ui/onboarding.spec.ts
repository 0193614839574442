import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });

test("sign up, empty dashboard, create an API key shown once, sign out and back in", async ({ page }) => {
  const email = `ui-${randomUUID().slice(0, 8)}@e2e.test`;
  const password = "a long enough password";

  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.screenshot(shot("login"));

  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Organisation").fill("Playwright Labs");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("enter a valid email address", { exact: true })).toBeVisible();
  await expect(page.getByText("use at least 8 characters")).toBeVisible();
  await page.screenshot(shot("signup-errors"));

  await page.getByLabel("Your name").fill("Pat Tester");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("No usage yet")).toBeVisible();
  const orgPath = new URL(page.url()).pathname;
  await page.screenshot(shot("dashboard-empty"));

  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await page.getByLabel("Name").fill("checkout-service");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!;
  expect(secret).toMatch(/^br_live_/);
  await expect(page.getByTestId("api-key-row")).toHaveCount(1);
  await page.screenshot(shot("api-key-created"));

  await page.reload();
  await expect(page.getByTestId("api-key-row")).toHaveCount(1);
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  const me = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(403); // created with the ingest scope only

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByTestId("audit-row").first()).toContainText("api_key.created");
  await page.screenshot(shot("audit-log"));

  await page.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("cell", { name: email }).first()).toBeVisible();
  await page.screenshot(shot("members"));

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(orgPath);
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email or password" })).toContainText(
    "Email or password is wrong",
  );

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${orgPath}$`));
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});
