import { expect, test } from "@playwright/test";
import { addMember, createAccount } from "../support/accounts";
import { expectNoHorizontalOverflow, signInWithForm } from "../support/ui";

test("anomaly settings: defaults, change and keep them, a bad amount named, read-only for a viewer", async ({
  page,
  browser,
  baseURL,
}) => {
  const owner = await createAccount(baseURL!, "anomaly-settings");
  await signInWithForm(page, owner);
  await page.goto(`/${owner.orgSlug}/settings/organization`);
  const card = page.getByTestId("anomaly-settings");
  await expect(card).toContainText("200 monitors at most");
  const minImpact = card.getByLabel("Minimum impact (USD per hour)");
  await expect(minImpact).toHaveValue("1");
  await expect(card.getByLabel("Report drops to zero")).toBeChecked();
  await expect(card.getByLabel("Alert minimum impact (USD)")).toHaveValue("10");
  await expect(card.getByLabel("Alert minimum percent of expected")).toHaveValue("20");

  await minImpact.fill("abc");
  await card.getByRole("button", { name: "Save anomaly settings" }).click();
  await expect(card.getByRole("alert")).toContainText("minImpact");

  await minImpact.fill("2.5");
  await card.getByLabel("Report drops to zero").uncheck();
  await card.getByLabel("Alert minimum impact (USD)").fill("25");
  await card.getByLabel("Alert minimum percent of expected").fill("50");
  await card.getByRole("button", { name: "Save anomaly settings" }).click();
  await expect(card.getByRole("status")).toContainText("minimum impact $2.5/hour, drops off, alerts from $25 and 50%");
  await page.screenshot({ path: "screenshots/settings-anomalies.png", fullPage: true });

  // Kept: the API and the page after a reload read the same.
  const api = await owner.api.get(`/api/orgs/${owner.orgSlug}/anomaly-settings`);
  expect(await api.json()).toMatchObject({ minImpact: "2.5", drops: false, alertMinImpact: "25", alertMinPercent: 50 });
  await page.reload();
  await expect(card.getByLabel("Minimum impact (USD per hour)")).toHaveValue("2.5");
  await expect(card.getByLabel("Report drops to zero")).not.toBeChecked();
  await page.setViewportSize({ width: 420, height: 900 });
  await expectNoHorizontalOverflow(page);

  const viewer = await addMember(baseURL!, owner, "VIEWER");
  const viewerPage = await (await browser.newContext()).newPage();
  await signInWithForm(viewerPage, viewer);
  await viewerPage.goto(`/${owner.orgSlug}/settings/organization`);
  const seen = viewerPage.getByTestId("anomaly-settings");
  await expect(seen.getByLabel("Minimum impact (USD per hour)")).toHaveValue("2.5");
  await expect(seen.getByLabel("Minimum impact (USD per hour)")).toBeDisabled();
  await expect(seen.getByRole("button", { name: "Save anomaly settings" })).toHaveCount(0);
});
