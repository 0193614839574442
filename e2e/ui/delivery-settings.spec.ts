import { expect, test } from "@playwright/test";
import { type HttpReceiver, startReceiver } from "../../test/support/http-receiver";
import { createAccount, type Account } from "../support/accounts";
import { publishBudgetEvent } from "../support/publish-event";
import { expectNoHorizontalOverflow, signInWithForm } from "../support/ui";

let owner: Account;
let receiver: HttpReceiver;

test.beforeAll(async ({ baseURL }) => {
  receiver = await startReceiver();
  owner = await createAccount(baseURL!, "settings");
});
test.afterAll(async () => {
  await receiver.stop();
});

test("alert channels: create a Slack channel, send a test, see it logged", async ({ page }) => {
  await signInWithForm(page, owner);
  await page.getByRole("link", { name: "Alert channels" }).click();
  await expect(page.getByRole("heading", { name: "Alert channels" })).toBeVisible();
  await expect(page.getByText("No channels yet")).toBeVisible();
  await page.screenshot({ path: "screenshots/channels-empty.png", fullPage: true });

  await page.getByLabel("Name").fill("#finops alerts");
  await page.getByLabel("Slack incoming-webhook URL").fill(receiver.url("/services/T0/B0/ui-token"));
  await page.getByRole("button", { name: "Add channel" }).click();
  const row = page.getByTestId("channel-row").filter({ hasText: "#finops alerts" });
  await expect(row).toBeVisible();
  await expect(row).toContainText(`127.0.0.1:${receiver.port}`);
  await expect(row).not.toContainText("ui-token");

  await row.getByRole("button", { name: "Send a test" }).click();
  await expect(row.getByTestId("test-queued")).toBeVisible();
  await expect.poll(() => receiver.requests.filter((r) => r.url.includes("ui-token")).length).toBe(1);
  const logged = row.getByTestId("delivery-row").first();
  await expect(logged).toContainText("channel.test");
  await expect(logged).toContainText("delivered", { timeout: 15_000 });
  await expect(logged).toContainText("200");
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: "screenshots/channels.png", fullPage: true });
});

test("webhooks: create, see the secret once, see a delivery and replay it", async ({ page }) => {
  await signInWithForm(page, owner);
  await page.goto(`/${owner.orgSlug}/settings/webhooks`);
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();
  await page.getByLabel("URL").fill(receiver.url("/ui-hook"));
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = page.getByTestId("webhook-secret");
  await expect(secret).toHaveText(/^whsec_/);
  await page.screenshot({ path: "screenshots/webhooks-secret.png", fullPage: true });
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(secret).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("webhook-row")).toHaveCount(1);
  await expect(page.getByText(/whsec_/)).toHaveCount(0);

  await publishBudgetEvent(owner.orgSlug, {
    budget: { id: "b", name: "ui", scope: {} },
    spent: "1.00",
    amount: "2.00",
  });
  await expect.poll(() => receiver.requests.filter((r) => r.url === "/ui-hook").length, { timeout: 20_000 }).toBe(1);
  const row = page.getByTestId("webhook-row");
  await expect(row).toContainText("budget.threshold_reached");
  await row.getByRole("button", { name: "Deliveries" }).click();
  const delivery = row.getByTestId("delivery-row").first();
  await expect(delivery).toContainText("delivered");
  await expect(delivery).toContainText("200");
  await delivery.getByRole("button", { name: "Replay" }).click();
  await expect.poll(() => receiver.requests.filter((r) => r.url === "/ui-hook").length, { timeout: 20_000 }).toBe(2);
  await expect(delivery.getByRole("cell").nth(3)).toHaveText("2", { timeout: 15_000 });
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: "screenshots/webhooks.png", fullPage: true });
});
