import { expect, test } from "@playwright/test";
import { createAccount } from "../support/accounts";
import { markEmailVerified, query } from "../support/db";

// Changes only a model no other spec prices (mistral/codestral): the catalog is shared by the run.
test("an operator previews and applies a CSV price import; others get 404", async ({ page, baseURL }) => {
  const stranger = await createAccount(baseURL!, "not-operator");
  expect((await stranger.api.get("/admin/prices")).status()).toBe(404);
  expect((await stranger.api.post("/api/admin/prices", { data: { format: "csv", content: "x" } })).status()).toBe(404);

  const email = process.env.BURNRATE_OPERATOR_EMAILS!;
  // Anyone can sign up with the operator's address: until it is verified, it grants nothing.
  const operator = await createAccount(baseURL!, "operator", email, { verified: false });
  expect((await operator.api.get("/admin/prices")).status()).toBe(404);
  expect((await operator.api.post("/api/admin/prices", { data: { format: "csv", content: "x" } })).status()).toBe(404);
  await markEmailVerified(email);
  const bad = await operator.api.post("/api/admin/prices", { data: { format: "csv", content: "provider,model\n" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.issues[0].path).toBe("content");

  await page.goto("/login?callbackUrl=/admin/prices");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(operator.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Price catalog import" })).toBeVisible();
  await page.getByLabel("Format").selectOption("csv");
  await page
    .getByLabel("File content")
    .fill("provider,model,input,output\nmistral,codestral,0.25,0.75\nopsco,opsco-large,3,9\n");
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("1 added, 1 changed");
  await page.screenshot({ path: "screenshots/admin-prices.png", fullPage: true });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("Applied: 1 added, 1 changed");
  const versions = await query<{ input: string; ended: boolean }>(
    `SELECT prices->>'input' AS input, "effectiveTo" IS NOT NULL AS ended FROM model_prices WHERE provider = 'mistral' AND model = 'codestral' ORDER BY "effectiveFrom"`,
  );
  expect(versions).toEqual([
    { input: "0.30", ended: true },
    { input: "0.25", ended: false },
  ]);
});
