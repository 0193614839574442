import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createAccount, createKey } from "../support/accounts";
import { query } from "../support/db";
import { expectNoHorizontalOverflow, signInWithForm } from "../support/ui";
import { formatMoney } from "../../lib/money/format";
import { formatPicoUsd, perMillionToPicoPerToken } from "../../lib/money/pico";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });

type Event = {
  eventId: string;
  timestamp: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  team: string;
  customer: string;
  feature: string;
};

/**
 * The known data set: "Last 7 days" holds the events of 3 days ago; its previous period (the 7 days
 * before) those of 10 days ago. search moved to a pricier model, support halved, growth is new, legacy gone.
 */
function dataSet(now: Date): { current: Event[]; previous: Event[] } {
  const at = (daysAgo: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo, 9)).toISOString();
  const e = (daysAgo: number, team: string, customer: string, model: string, input: number, output: number) => ({
    eventId: randomUUID(),
    timestamp: at(daysAgo),
    provider: "openai",
    model,
    inputTokens: input,
    outputTokens: output,
    team,
    customer,
    feature: `${team}-chat`,
  });
  return {
    current: [
      e(3, "search", "acme", "gpt-4o", 100_000, 10_000),
      e(3, "support", "globex", "gpt-4o-mini", 200_000, 20_000),
      e(3, "growth", "acme", "gpt-4o-mini", 50_000, 5_000),
    ],
    previous: [
      e(10, "search", "acme", "gpt-4o-mini", 100_000, 10_000),
      e(10, "support", "globex", "gpt-4o-mini", 400_000, 40_000),
      e(10, "legacy", "globex", "gpt-4o-mini", 10_000, 1_000),
    ],
  };
}

async function priceOf(model: string): Promise<{ input: bigint; output: bigint }> {
  const [row] = await query<{ prices: { input: string; output: string } }>(
    `SELECT prices FROM model_prices WHERE provider='openai' AND model=$1 AND "effectiveTo" IS NULL`,
    [model],
  );
  return { input: perMillionToPicoPerToken(row!.prices.input), output: perMillionToPicoPerToken(row!.prices.output) };
}

const money = (pico: bigint) => formatMoney(formatPicoUsd(pico));

/** The oracle of a change: "+$1.23 (+45.6%)", percent half-to-even to one decimal, worked out here in integers. */
function change(cur: bigint, prev: bigint): string {
  const delta = cur - prev;
  if (delta === 0n) return "no change";
  const abs = delta < 0n ? -delta : delta;
  const amount = `${delta < 0n ? "−" : "+"}${money(abs)}`;
  if (prev === 0n) return `${amount} (new)`;
  const n = abs * 1000n;
  let q = n / prev;
  const r = n % prev;
  if (r * 2n > prev || (r * 2n === prev && q % 2n === 1n)) q += 1n;
  return `${amount} (${delta < 0n ? "−" : "+"}${q / 10n}.${q % 10n}%)`;
}

test("the Overview compares one window with the previous period, and drills down into Explore", async ({
  page,
  baseURL,
  playwright,
}) => {
  test.setTimeout(120_000);
  const owner = await createAccount(baseURL!, "drilldown");
  const key = await createKey(owner, ["ingest"], "drilldown");
  const prices = new Map(await Promise.all(["gpt-4o", "gpt-4o-mini"].map(async (m) => [m, await priceOf(m)] as const)));
  const cost = (e: Event) =>
    BigInt(e.inputTokens) * prices.get(e.model)!.input + BigInt(e.outputTokens) * prices.get(e.model)!.output;
  const sum = (events: Event[], team?: string) =>
    events.filter((e) => !team || e.team === team).reduce((a, e) => a + cost(e), 0n);

  const { current, previous } = dataSet(new Date());
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  const posted = await svc.post("/api/v1/events", { data: { events: [...current, ...previous] } });
  expect(posted.status(), await posted.text()).toBe(202);
  await svc.dispose();
  await expect
    .poll(async () => (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/spend`)).json()).total.events, {
      timeout: 30_000,
    })
    .toBe(6);

  await page.setViewportSize({ width: 1440, height: 1000 });
  await signInWithForm(page, owner);
  await expect(page.getByLabel("Period")).toHaveValue("mtd");
  await page.getByLabel("Period").selectOption("7d");
  await expect(page).toHaveURL(/window=7d/);

  // Totals: this window, the previous one, and the change, absolute and in percent.
  const [cur, prev] = [sum(current), sum(previous)];
  await expect(page.getByTestId("mtd-spend")).toHaveText(money(cur));
  await expect(page.getByTestId("previous-spend")).toContainText(money(prev));
  await expect(page.getByTestId("mtd-change").locator("..")).toContainText(change(cur, prev));

  // Unit economics: requests and tokens against the previous period.
  const allTokens = (events: Event[]) => events.reduce((a, e) => a + e.inputTokens + e.outputTokens, 0);
  const [tokNow, tokBefore] = [allTokens(current), allTokens(previous)];
  await expect(page.getByTestId("unit-requests-change")).toHaveText("no change");
  await expect(page.getByTestId("unit-tokens-change")).toHaveText(
    `−${(tokBefore - tokNow).toLocaleString("en-US")} (−${(((tokBefore - tokNow) / tokBefore) * 100).toFixed(1)}%)`,
  );

  // Every row of the top lists: its change against the previous period.
  const teams = page.getByTestId("top-teams");
  const row = (name: string) => teams.getByTestId("top-list-row").filter({ hasText: name });
  for (const team of ["search", "support", "growth"]) {
    await expect(row(team).getByTestId("top-list-cost")).toHaveText(money(sum(current, team)));
    await expect(row(team).getByTestId("top-list-change")).toHaveText(change(sum(current, team), sum(previous, team)));
  }
  await expect(row("growth").getByTestId("top-list-change")).toHaveText(/\(new\)$/);
  await expect(page.getByTestId("top-customers").getByTestId("top-list-link")).toHaveText(["acme", "globex"]);
  await page.mouse.move(0, 0);
  await page.screenshot(shot("overview-7d"));

  // Drill-down: a team of the chart's legend opens Explore filtered to it, over the same days.
  await page.getByTestId("team-chart").getByTestId("chart-legend").getByText("search", { exact: true }).click();
  await expect(page).toHaveURL(/\/explore\?.*team=search/);
  await expect(page.getByRole("heading", { name: "Explore" })).toBeVisible();
  await expect(page.getByLabel("Filter by team")).toHaveValue("search");
  await expect(page.getByTestId("total-cost")).toHaveText(money(sum(current, "search")));
  await expect(page.getByTestId("total-change")).toHaveText(change(sum(current, "search"), sum(previous, "search")));

  // Back returns to the Overview as it was.
  await page.goBack();
  await expect(page).toHaveURL(/window=7d/);
  await expect(page.getByLabel("Period")).toHaveValue("7d");

  // Explore by team over the window: biggest movers, both ways, and each row's change.
  await teams.getByRole("link", { name: "explore" }).click();
  await expect(page).toHaveURL(/groupBy=team/);
  const up = page.getByTestId("movers-up").getByTestId("mover");
  const down = page.getByTestId("movers-down").getByTestId("mover");
  await expect(up).toHaveCount(2);
  await expect(up.nth(0)).toContainText("search");
  await expect(up.nth(0).getByTestId("mover-change")).toHaveText(
    change(sum(current, "search"), sum(previous, "search")),
  );
  await expect(up.nth(1)).toContainText("growth");
  await expect(down).toHaveCount(2);
  await expect(down.nth(0)).toContainText("support");
  await expect(down.nth(0).getByTestId("mover-change")).toHaveText(
    change(sum(current, "support"), sum(previous, "support")),
  );
  await expect(down.nth(1).getByTestId("mover-change")).toHaveText(change(0n, sum(previous, "legacy")));
  const supportRow = page.getByTestId("spend-row").filter({ hasText: "support" });
  await expect(supportRow.getByTestId("row-change")).toHaveText(
    change(sum(current, "support"), sum(previous, "support")),
  );
  await page.mouse.move(0, 0);
  await page.screenshot(shot("explore-movers"));

  // Each change of the view is a history entry.
  await page.getByLabel("Group by").selectOption("model");
  await expect(page).toHaveURL(/groupBy=model/);
  await page.goBack();
  await expect(page).toHaveURL(/groupBy=team/);
  await expect(page.getByLabel("Group by")).toHaveValue("team");

  // A dimension page's totals: each with its change against the previous 7 days.
  await page.goto(`/${owner.orgSlug}/dimensions/team/search?range=7d`);
  await expect(page.getByTestId("dimension-spend")).toHaveText(money(sum(current, "search")));
  await expect(page.getByTestId("dimension-spend-change")).toHaveText(
    change(sum(current, "search"), sum(previous, "search")),
  );
  await expect(page.getByTestId("dimension-requests-change")).toHaveText("no change");
  await page.goto(`/${owner.orgSlug}/dimensions/team/support?range=7d`);
  await expect(page.getByTestId("dimension-spend-change")).toHaveText(
    change(sum(current, "support"), sum(previous, "support")),
  );
  const tokens = (events: Event[], team: string) =>
    events.filter((e) => e.team === team).reduce((a, e) => a + e.inputTokens + e.outputTokens, 0);
  const [tNow, tBefore] = [tokens(current, "support"), tokens(previous, "support")];
  await expect(page.getByTestId("dimension-tokens-change")).toHaveText(
    `−${(tBefore - tNow).toLocaleString("en-US")} (−${(((tBefore - tNow) / tBefore) * 100).toFixed(1)}%)`,
  );
  await page.getByTestId("dimension-spend").scrollIntoViewIfNeeded();
  await page.screenshot(shot("dimension-vs-previous"));

  // A narrow window: nothing scrolls sideways.
  await page.setViewportSize({ width: 420, height: 900 });
  await expectNoHorizontalOverflow(page);
  await page.goto(`/${owner.orgSlug}?window=7d`);
  await expect(page.getByTestId("mtd-spend")).toHaveText(money(cur));
  await expectNoHorizontalOverflow(page);
  await page.screenshot(shot("overview-7d-narrow"));
});
