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
  // Each message beside its field, as a sentence; the form-level message points at them.
  await expect(page.getByTestId("email-error")).toHaveText("Enter a valid email address.");
  await expect(page.getByTestId("password-error")).toHaveText("Use at least 8 characters.");
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "Check" })).toHaveText("Check the 2 highlighted fields.");
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
  // A ready-to-paste curl example with the key, on the configured base URL: what it posts is accepted.
  const curl = (await page.getByTestId("new-api-key-curl").textContent())!;
  expect(curl).toContain(`curl -X POST '${new URL("/api/v1/events", page.url()).href}'`);
  expect(curl).toContain(`Authorization: Bearer ${secret}`);
  const body = /-d '(.*)'$/s.exec(curl)![1]!;
  const posted = await page.request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: body,
  });
  expect(posted.status(), await posted.text()).toBe(202);
  await expect(page.getByTestId("api-key-row")).toHaveCount(1);
  await page.screenshot(shot("api-key-created"));

  await page.reload();
  await expect(page.getByTestId("api-key-row")).toHaveCount(1);
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  const me = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(403); // created with the ingest scope only

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByTestId("audit-row").first()).toContainText("API key created");
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
