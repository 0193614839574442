import { expect, test } from "@playwright/test";
import { createAccount, createKey } from "../support/accounts";
import { houseEvent, priceHouseModel } from "../support/budgets";

const shot = (name: string) => ({ path: `screenshots/${name}.png`, fullPage: true });

/** "$30.123457" from millionths of a dollar: every digit, at least cents (the oracle of the exact figure). */
const exact = (micros: number) => {
  const whole = Math.floor(micros / 1_000_000);
  const frac = String(micros % 1_000_000)
    .padStart(6, "0")
    .replace(/0+$/, "")
    .padEnd(2, "0");
  return `$${whole.toLocaleString("en-US")}.${frac}`;
};
/** "$30.12": the same amount to the cent, half to even (no amount here ends in a half cent). */
const cents = (micros: number) => `$${(Math.round(micros / 10_000) / 100).toFixed(2)}`;

type Curve = { color: string; points: Array<[number, number]> };

/** The area outlines of a chart in paint order: each one's colour class and its vertices. */
async function curves(chart: import("@playwright/test").Locator): Promise<Curve[]> {
  return chart.evaluate((el) =>
    [...el.querySelectorAll(".recharts-area")].map((g) => {
      const color = /stroke-(\w+)-500/.exec(g.getAttribute("class") ?? "")?.[1] ?? "?";
      const d = g.querySelector(".recharts-area-curve")?.getAttribute("d") ?? "";
      const points = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map(
        (m) => [Number(m[1]), Number(m[2])] as [number, number],
      );
      return { color, points };
    }),
  );
}

/**
 * A stacked area chart where a mid-sized series spikes under a small one: the outline at the top of the
 * spike is the spiking series' colour (not the small series' painted over it), and the tooltip shows each
 * amount in cents and exactly, with the exact total.
 */
test("stacked areas keep each series' outline colour; the tooltip shows exact amounts", async ({
  page,
  baseURL,
  playwright,
}) => {
  test.setTimeout(120_000);
  const owner = await createAccount(baseURL!, "stacked");
  await priceHouseModel(owner);
  const key = await createKey(owner, ["ingest"], "stacked");
  const day = (daysAgo: number) => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo, 12));
  };
  // big $20 a day; spiky $2, then $30.123457 on the middle day, then $2; tiny $0.30 a day.
  const micros: Record<string, number[]> = {
    big: [20_000_000, 20_000_000, 20_000_000],
    spiky: [2_000_000, 30_123_457, 2_000_000],
    tiny: [300_000, 300_000, 300_000],
  };
  const events = Object.entries(micros).flatMap(([team, amounts]) =>
    amounts.map((m, i) => houseEvent(m, { team }, day(4 - i))),
  );
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
    .toBe(events.length);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/${owner.orgSlug}`);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto(`/${owner.orgSlug}/explore?range=7d&groupBy=team`);
  const chart = page.getByTestId("explore-chart").getByTestId("spend-chart");
  await expect(chart.locator(".recharts-area-curve")).toHaveCount(3);
  const legend = chart.getByTestId("chart-legend-item");
  await expect(legend).toHaveText(["big", "spiky", "tiny"]);
  const colorOf = async (team: string) => legend.filter({ hasText: team }).getAttribute("data-color");
  const spiky = await colorOf("spiky");
  expect(spiky).not.toBe(await colorOf("tiny"));

  // The spike: the highest vertex of any outline. Among the outlines that pass within 3 px of it there,
  // the one painted last (the visible one) is the spiking series'.
  const all = await curves(chart);
  const top = all.flatMap((c) => c.points).reduce((a, p) => (p[1] < a[1] ? p : a));
  const atSpike = all
    .map((c) => ({ color: c.color, y: c.points.find((p) => Math.abs(p[0] - top[0]) < 0.5)?.[1] }))
    .filter((c) => c.y !== undefined && c.y - top[1] < 3);
  expect(atSpike.length).toBeGreaterThan(1); // tiny's outline rides on the spike
  // Soft: the tooltip is checked too when the outline is wrong.
  expect.soft(atSpike.at(-1)!.color, "the visible outline at the spike").toBe(spiky);

  // Hover the spike's day: the tooltip lists every series in cents and exactly, and the exact total.
  const box = (await chart.locator(".recharts-surface").first().boundingBox())!;
  await page.mouse.move(box.x + top[0], box.y + box.height - 40);
  const tooltip = chart.getByTestId("chart-tooltip");
  await expect(tooltip).toBeVisible();
  const row = (team: string) => tooltip.getByTestId("chart-tooltip-row").filter({ hasText: team });
  for (const [team, amounts] of Object.entries(micros)) {
    await expect(row(team).getByTestId("chart-tooltip-cents")).toHaveText(cents(amounts[1]!));
    await expect(row(team).getByTestId("chart-tooltip-exact")).toHaveText(exact(amounts[1]!));
  }
  const total = micros.big![1]! + micros.spiky![1]! + micros.tiny![1]!;
  await expect(tooltip.getByTestId("chart-tooltip-total-exact")).toHaveText(exact(total));
  await expect(tooltip.getByTestId("chart-tooltip-row").first()).toContainText("spiky"); // largest first
  await page.screenshot(shot("stacked-chart-tooltip"));
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.mouse.move(0, 0);
    await chart.screenshot({ path: `screenshots/stacked-chart-${scheme}.png` });
  }
});
