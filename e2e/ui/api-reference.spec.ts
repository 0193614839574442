import { expect, test } from "@playwright/test";
import { createAccount } from "../support/accounts";
import { expectNoHorizontalOverflow, signInWithForm } from "../support/ui";

test("the API reference renders every /api/v1 operation with its fields and readable numbers", async ({
  page,
  baseURL,
}) => {
  const account = await createAccount(baseURL!, "docs");
  const doc = await (await account.api.get("/api/v1/openapi.json")).json();
  await signInWithForm(page, account);
  await page.goto(`/${account.orgSlug}/docs`);
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  const operations = Object.entries(doc.paths as Record<string, Record<string, { summary: string }>>).flatMap(
    ([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
  expect(operations.length).toBeGreaterThanOrEqual(4);
  for (const { path, method, op } of operations) {
    const card = page.getByRole("heading", { name: `${method.toUpperCase()} ${path}`, exact: true });
    await expect(card, `${method} ${path}`).toBeVisible();
    await expect(page.getByText(op.summary, { exact: true }).first()).toBeVisible();
  }
  // Field descriptions come from the zod schemas; numbers are grouped, sizes in MB.
  await expect(page.getByText("Input tokens billed at the input price", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("Cost in USD, an exact decimal string").first()).toBeVisible();
  await expect(page.getByText("≤ 1,000 items").first()).toBeVisible();
  await expect(page.getByText("5 MB", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("≤ 50,000,000").first()).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: "screenshots/api-reference.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "screenshots/api-reference-top.png" });
});
