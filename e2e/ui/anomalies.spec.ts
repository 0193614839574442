import { expect, test } from "@playwright/test";
import { createAccount, createKey } from "../support/accounts";
import { houseEvent, priceHouseModel } from "../support/budgets";
import { orgIdOf } from "../support/db";
import { expectNoHorizontalOverflow, signInWithForm } from "../support/ui";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });
const HOUR = 3_600_000;

/** One run of the anomalies worker's evaluation in this process (the e2e database and queue prefix). */
async function runDetection(orgSlug: string) {
  process.env.NEXTAUTH_SECRET ??= "e2e-only-secret-at-least-32-characters-long";
  const { evaluateOrgAnomalies } = await import("../../lib/anomalies");
  return evaluateOrgAnomalies(await orgIdOf(orgSlug), new Date());
}

test("a runaway feature shows on the Overview, the list and the detail page with its cause; feedback", async ({
  page,
  baseURL,
  playwright,
}) => {
  test.setTimeout(180_000);
  const owner = await createAccount(baseURL!, "anomalies-ui");
  await priceHouseModel(owner);
  const key = await createKey(owner, ["ingest"], "anomalies-ui");
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  // 17 days of a repeating week ($6/h in business hours, $2/h otherwise) for feature summarize, up to
  // and including the current hour, then $60 of a new feature "agent" in the current hour.
  const into = Date.now() % HOUR;
  if (into < 120_000) await new Promise((r) => setTimeout(r, 120_000 - into));
  const hourStart = Math.floor(Date.now() / HOUR) * HOUR;
  const events = [];
  for (let t = hourStart - 17 * 24 * HOUR; t <= hourStart; t += HOUR) {
    const hod = new Date(t).getUTCHours();
    const usual = hod >= 9 && hod < 18 ? 6_000_000 : 2_000_000;
    events.push(houseEvent(usual, { team: "search", feature: "summarize" }, new Date(t + 90_000)));
  }
  for (
    let k = 0;
    k < 3;
    k++ // $20 each: an event holds at most 50M tokens
  )
    events.push(houseEvent(20_000_000, { team: "search", feature: "agent" }, new Date(hourStart + 120_000)));
  for (let i = 0; i < events.length; i += 500) {
    const res = await svc.post("/api/v1/events", { data: { events: events.slice(i, i + 500) } });
    expect(res.status(), await res.text()).toBe(202);
  }
  await svc.dispose();
  await expect
    .poll(
      async () =>
        (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/spend?groupBy=feature`)).text()).includes("agent"),
      {
        timeout: 30_000,
      },
    )
    .toBe(true);
  const out = await runDetection(owner.orgSlug);
  expect(out.opened).toBeGreaterThan(0);

  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  const panel = page.getByTestId("open-anomalies");
  await expect(panel).toContainText("organisation total · Spike");
  // $60 over the usual hour, plus the usual hour's own spend (already all in) against the part of its
  // expected that matches the share of the hour elapsed (a few minutes): between $60 and $66.
  await expect(panel).toContainText(/\+\$6[0-5]\.\d\d/);
  await page.screenshot(shot("overview-anomalies"));

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Anomalies" }).click();
  await expect(page.getByTestId("anomaly-row").first()).toBeVisible();
  await expect(page.getByTestId("anomaly-row")).toHaveCount(4); // the total, team=search, the model and the API key (same spend)
  await page.getByLabel("Kind").selectOption("drop");
  await expect(page.getByText("No anomalies")).toBeVisible();
  await page.getByLabel("Kind").selectOption("");
  await page.getByLabel("Dimension").selectOption("team");
  await expect(page.getByTestId("anomaly-row")).toHaveCount(1);
  await expect(page.getByTestId("anomaly-row")).toContainText("team=search");
  await page.screenshot(shot("anomalies-list"));
  await expectNoHorizontalOverflow(page);

  await page.getByRole("link", { name: "team=search" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner.orgSlug}/anomalies/[^/]+$`));
  const summary = page.getByTestId("anomaly-summary");
  await expect(summary).toContainText(/team=search: \+\$6[0-5]\.\d\d/);
  await expect(page.getByTestId("partial-hour-note")).toBeVisible();
  // The model carries the whole excess ($60 of agent, plus summarize's hour already in against the
  // elapsed share of its expected); the pair feature agent × model is the $60 itself.
  await expect(page.getByTestId("root-cause")).toContainText(
    /model e2e-house-7b: \+\$6[0-5]\.\d\d of \+\$6[0-5]\.\d\d/,
  );
  await expect(page.getByTestId("root-cause")).toContainText("feature agent on model e2e-house-7b$60.00$0.00+$60.00");
  await expect(page.getByTestId("root-cause")).toContainText("New feature agent");
  await expect(page.getByTestId("price-volume-split")).toBeVisible();
  await page.screenshot(shot("anomaly-detail"));
  await page.getByRole("button", { name: "False alarm" }).click();
  await expect(summary).toContainText("acknowledged");
  await expect(summary).toContainText("Feedback “False alarm”");
  await page.screenshot(shot("anomaly-feedback"));
});
