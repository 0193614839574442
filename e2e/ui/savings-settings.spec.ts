import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { addMember, createAccount, createKey } from "../support/accounts";
import { signInWithForm } from "../support/ui";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });

/**
 * The Savings page's list of features that can wait: a finance lead marks a fast, untagged feature, and the
 * batch tier insight appears for it (and goes when unmarked); a viewer reads the list and cannot change it.
 */
test("marking a feature as not interactive brings its batch tier insight; viewers only read", async ({
  page,
  baseURL,
  playwright,
  browser,
}) => {
  test.setTimeout(120_000);
  const owner = await createAccount(baseURL!, "savings-marked");
  const key = await createKey(owner, ["ingest"], "savings-marked");
  // weekly-digest on gpt-4o: 4 × (800 in, 1,000 out), no latency, no tags. Standard $0.048, batch half of it.
  const events = Array.from({ length: 4 }, (_, i) => ({
    eventId: randomUUID(),
    timestamp: new Date(Date.now() - 2 * 86_400_000 - i * 60_000).toISOString(),
    provider: "openai",
    model: "gpt-4o",
    feature: "weekly-digest",
    inputTokens: 800,
    outputTokens: 1000,
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
    .toBe(4);

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  await page.goto(`/${owner.orgSlug}/savings`);
  await expect(page.getByText("No savings found in the last 30 days")).toBeVisible();
  const card = page.getByTestId("non-interactive-features");
  await expect(card.getByText("No feature is marked.")).toBeVisible();

  await card.getByLabel("Feature", { exact: true }).fill("weekly-digest");
  await card.getByRole("button", { name: "Mark as not interactive" }).click();
  await expect(card.getByTestId("non-interactive-feature")).toHaveText(["weekly-digest×"]);
  const insight = page.getByTestId("insight");
  await expect(insight).toHaveCount(1);
  await expect(insight).toHaveAttribute("data-kind", "batch_tier");
  // $0.024 a month at most, 80% of it at the low end ($0.0192): both read $0.02.
  await expect(insight.getByTestId("insight-range")).toHaveText("$0.02 – $0.02");
  await expect(insight).toContainText(
    "weekly-digest is marked as not interactive in the organisation's insight settings",
  );
  await page.screenshot(shot("savings-marked"));
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot(shot("savings-marked-dark"));
  await page.emulateMedia({ colorScheme: "light" });

  // It is saved: a reload shows it, and the API reads it.
  await page.reload();
  await expect(card.getByTestId("non-interactive-feature")).toHaveText(["weekly-digest×"]);
  const saved = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/insight-settings`)).json();
  expect(saved).toEqual({ nonInteractiveFeatures: ["weekly-digest"] });

  // A viewer sees the list, with no way to change it.
  const viewer = await addMember(baseURL!, owner, "VIEWER");
  const ctx = await browser.newContext({ viewport: { width: 420, height: 900 } });
  const viewerPage = await ctx.newPage();
  await signInWithForm(viewerPage, viewer);
  await viewerPage.goto(`/${owner.orgSlug}/savings`);
  const viewerCard = viewerPage.getByTestId("non-interactive-features");
  await expect(viewerCard.getByTestId("non-interactive-feature")).toHaveText(["weekly-digest"]);
  await expect(viewerCard.getByLabel("Feature", { exact: true })).toHaveCount(0);
  await expect(viewerCard.getByRole("button")).toHaveCount(0);
  await viewerPage.screenshot(shot("savings-viewer-narrow"));
  await ctx.close();

  // Unmarked: the insight goes.
  await card.getByRole("button", { name: "Remove weekly-digest" }).click();
  await expect(card.getByText("No feature is marked.")).toBeVisible();
  await expect(page.getByText("No savings found in the last 30 days")).toBeVisible();
});
