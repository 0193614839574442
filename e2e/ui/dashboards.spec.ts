import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createAccount, createKey } from "../support/accounts";
import { expectNoHorizontalOverflow, signInWithForm } from "../support/ui";
import { query } from "../support/db";
import { formatPicoUsd, perMillionToPicoPerToken } from "../../lib/money/pico";
import { formatMoney, sharePercent } from "../../lib/money/format";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });
/** Screenshots without a chart tooltip under the pointer. */
async function screenshot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.screenshot(shot(name));
}
const TEAMS = ["search", "support", "growth"];
const MODELS = ["gpt-4o-mini", "gpt-4o"];
const DAYS = 5; // events on the last 5 UTC days (within "Last 7 days")

type Event = {
  eventId: string;
  timestamp: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  team?: string;
  feature: string;
};
type Sum = { pico: bigint; events: number; tokens: number };

/** Current list price of an OpenAI model in pico-USD per token, as the catalog has it. */
async function priceOf(model: string): Promise<{ input: bigint; output: bigint }> {
  const [row] = await query<{ prices: { input: string; output: string } }>(
    `SELECT prices FROM model_prices WHERE provider='openai' AND model=$1 AND "effectiveTo" IS NULL`,
    [model],
  );
  return { input: perMillionToPicoPerToken(row!.prices.input), output: perMillionToPicoPerToken(row!.prices.output) };
}

/** The known data set: 3 teams (and some unattributed) × 2 models × the last DAYS days. */
function dataSet(now: Date): Event[] {
  const events: Event[] = [];
  for (let day = 0; day < DAYS; day++) {
    for (const [t, team] of [...TEAMS, undefined].entries()) {
      for (const [m, model] of MODELS.entries()) {
        if (team === undefined && model !== "gpt-4o-mini") continue;
        events.push({
          eventId: randomUUID(),
          // Mid-morning UTC of that day, but never in the future.
          timestamp: new Date(
            Math.min(
              Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day, 9, 17 * t + m),
              now.getTime() - 60_000,
            ),
          ).toISOString(),
          provider: "openai",
          model,
          inputTokens: 40_000 * (t + 1) + 1_337 * day + 11 * m,
          outputTokens: 6_000 + 731 * t + 97 * day + m,
          ...(team ? { team } : {}),
          feature: t % 2 ? "summaries" : "answers",
        });
      }
    }
  }
  return events;
}

function sums(events: Event[], key: (e: Event) => string, cost: (e: Event) => bigint): Map<string, Sum> {
  const out = new Map<string, Sum>();
  for (const e of events) {
    const s = out.get(key(e)) ?? { pico: 0n, events: 0, tokens: 0 };
    out.set(key(e), {
      pico: s.pico + cost(e),
      events: s.events + 1,
      tokens: s.tokens + e.inputTokens + e.outputTokens,
    });
  }
  return out;
}

const money = (pico: bigint) => formatMoney(formatPicoUsd(pico));

test("overview, explore (group, filter, CSV, shared URL) and a team page show the exact spend of a known data set", async ({
  page,
  baseURL,
  playwright,
}) => {
  test.setTimeout(120_000);
  const owner = await createAccount(baseURL!, "dashboards");
  const key = await createKey(owner, ["ingest"], "dashboards");
  const prices = new Map(await Promise.all(MODELS.map(async (m) => [m, await priceOf(m)] as const)));
  const cost = (e: Event) =>
    BigInt(e.inputTokens) * prices.get(e.model)!.input + BigInt(e.outputTokens) * prices.get(e.model)!.output;

  const now = new Date();
  const events = dataSet(now);
  const svc = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  const posted = await svc.post("/api/v1/events", { data: { events } });
  expect(posted.status(), await posted.text()).toBe(202);
  await svc.dispose();
  await expect
    .poll(async () => (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/spend`)).json()).total.events, {
      timeout: 30_000,
    })
    .toBe(events.length);

  const total = events.reduce((a, e) => a + cost(e), 0n);
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const mtd = events.filter((e) => Date.parse(e.timestamp) >= monthStart).reduce((a, e) => a + cost(e), 0n);
  const byTeam = sums(events, (e) => e.team ?? "(none)", cost);
  const byModel = sums(events, (e) => e.model, cost);

  // Overview: month to date to the cent, from the exact total.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithForm(page, owner);
  await expect(page.getByTestId("mtd-spend")).toHaveText(money(mtd));
  await expect(page.getByTestId("team-chart").locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("top-models").getByRole("link", { name: "gpt-4o-mini" })).toBeVisible();
  // Budgets at risk and anomalies are real panels now: nothing is still to come.
  await expect(page.getByTestId("coming-soon")).toHaveCount(0);
  await expect(page.getByTestId("open-anomalies")).toBeVisible();
  await screenshot(page, "overview");

  // Explore: last 7 days, grouped by team, then by model.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Explore" }).click();
  await expect(page.getByRole("heading", { name: "Explore" })).toBeVisible();
  await page.getByLabel("Date range").selectOption("7d");
  await expect(page).toHaveURL(/range=7d/);
  const rows = page.getByTestId("spend-row");
  const rowOf = (name: string) => rows.filter({ has: page.getByRole("cell", { name, exact: true }) });

  await page.getByLabel("Group by").selectOption("team");
  await expect(page).toHaveURL(/groupBy=team(&|$)/);
  await expect(rows).toHaveCount(byTeam.size);
  for (const [team, s] of byTeam) await expect(rowOf(team).getByTestId("row-cost")).toHaveText(money(s.pico));
  await expect(page.getByTestId("total-cost")).toHaveText(money(total));
  await expect(page.getByTestId("explore-chart").locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("explore-chart")).toContainText("support");
  await page.getByLabel("Chart").selectOption("bar");
  await expect(page).toHaveURL(/chart=bar/);
  await expect(
    page.getByTestId("explore-chart").locator(".recharts-bar-rectangle").filter({ visible: true }).first(),
  ).toBeVisible();
  await page.getByLabel("Chart").selectOption("area");

  await page.getByLabel("Group by").selectOption("model");
  await expect(page).toHaveURL(/groupBy=model(&|$)/);
  await expect(rows).toHaveCount(MODELS.length);
  for (const [model, s] of byModel) await expect(rowOf(model).getByTestId("row-cost")).toHaveText(money(s.pico));

  // The CSV is the table as shown, with exact amounts.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  const csv = fs
    .readFileSync((await download.path())!, "utf8")
    .trimEnd()
    .split("\r\n");
  const ordered = [...byModel].sort((a, b) => (b[1].pico > a[1].pico ? 1 : -1));
  expect(csv).toEqual([
    "Model,Cost (USD),Events,Requests,Tokens,Share (%)",
    ...ordered.map(
      ([m, s]) =>
        `${m},${formatPicoUsd(s.pico)},${s.events},${s.events},${s.tokens},${sharePercent(formatPicoUsd(s.pico), formatPicoUsd(total))}`,
    ),
    `Total,${formatPicoUsd(total)},${events.length},${events.length},${events.reduce((a, e) => a + e.inputTokens + e.outputTokens, 0)},100.0`,
  ]);
  expect(download.suggestedFilename()).toMatch(/^spend_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_by_model\.csv$/);

  // Sorting by a column and a filter both land in the URL; a reload (a shared link) shows the same view.
  await page.getByRole("button", { name: /^Cost/ }).click();
  await expect(page).toHaveURL(/sort=cost&dir=asc/);
  await expect(rows.first()).toContainText(ordered[ordered.length - 1]![0]);
  await page.getByLabel("Filter by team").selectOption("search");
  await expect(page).toHaveURL(/team=search/);
  const search = sums(
    events.filter((e) => e.team === "search"),
    (e) => e.model,
    cost,
  );
  for (const [model, s] of search) await expect(rowOf(model).getByTestId("row-cost")).toHaveText(money(s.pico));
  await page.reload();
  await expect(page.getByLabel("Group by")).toHaveValue("model");
  await expect(page.getByLabel("Filter by team")).toHaveValue("search");
  await expect(rows.first()).toContainText(ordered[ordered.length - 1]![0]);
  await page.getByRole("button", { name: "Clear 1 filter" }).click();
  await expect(rows).toHaveCount(MODELS.length);

  // A second dimension: model, then team; each team links to its page.
  await page.getByLabel("Then by").selectOption("team");
  await expect(page).toHaveURL(/groupBy=model%2Cteam/);
  await expect(rows).toHaveCount(
    events.filter((e, i, all) => all.findIndex((x) => x.model === e.model && x.team === e.team) === i).length,
  );
  await expect(page.getByTestId("explore-chart").locator(".recharts-surface").first()).toBeVisible();
  await screenshot(page, "explore");
  const exploreUrl = page.url();

  await rows.getByRole("link", { name: "search", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Team: search" })).toBeVisible();
  await expect(page.getByTestId("dimension-spend")).toHaveText(money(byTeam.get("search")!.pico));
  const teamModels = page.getByTestId("breakdown-model");
  for (const [_model, s] of search) await expect(teamModels.getByText(money(s.pico), { exact: true })).toBeVisible();
  await expect(teamModels.getByRole("link", { name: "gpt-4o-mini" })).toBeVisible();
  await expect(page.getByTestId("dimension-chart").locator(".recharts-surface").first()).toBeVisible();
  await screenshot(page, "team");

  // A value is decoded exactly once; an unknown dimension is a 404; a narrow screen does not scroll sideways.
  await page.goto(`/${owner.orgSlug}/dimensions/feature/${encodeURIComponent("a b/c%d")}`);
  await expect(page.getByRole("heading", { name: "Feature: a b/c%d" })).toBeVisible();
  // A value without any usage says so, instead of a normal page of $0.00.
  await expect(page.getByText("No usage recorded for this feature")).toBeVisible();
  await expect(page.getByTestId("dimension-spend")).toHaveCount(0);
  expect((await page.request.get(`/${owner.orgSlug}/dimensions/provider/openai`)).status()).toBe(404);
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(exploreUrl);
  await expect(rows).toHaveCount(
    events.filter((e, i, all) => all.findIndex((x) => x.model === e.model && x.team === e.team) === i).length,
  );
  await expectNoHorizontalOverflow(page);
  await screenshot(page, "explore-narrow");
  await page.goto(`/${owner.orgSlug}`);
  await expect(page.getByTestId("mtd-spend")).toHaveText(money(mtd));
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: test.info().outputPath("overview-narrow.png"), fullPage: true });
});
