import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createAccount, createKey, type Account } from "../support/accounts";
import { query } from "../support/db";

test.describe("organisation pricing and re-pricing", () => {
  let owner: Account;
  let svc: APIRequestContext;

  test.beforeAll(async ({ baseURL, playwright }) => {
    owner = await createAccount(baseURL!, "pricing");
    const key = await createKey(owner, ["ingest"], "pricing");
    svc = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key.secret}` } });
  });

  const waitForJobs = async () =>
    expect
      .poll(
        async () => {
          const { items } = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/reprice-jobs`)).json();
          return items.every((j: { status: string }) => j.status === "done");
        },
        { timeout: 30_000 },
      )
      .toBe(true);

  const costOf = async (eventId: string) =>
    (
      await query<{ cost: string | null }>(`SELECT "costPico"::text AS cost FROM usage_events WHERE "eventId" = $1`, [
        eventId,
      ])
    )[0]!.cost;

  test("an unpriced model is listed, priced by a custom price, and its events re-priced exactly", async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const events = ids.map((eventId) => ({
      eventId,
      timestamp: new Date().toISOString(),
      provider: "self-hosted",
      model: "acme-7b",
      inputTokens: 1000,
      outputTokens: 500,
    }));
    expect((await svc.post("/api/v1/events", { data: { events } })).status()).toBe(202);

    // The panel reads the rollups, which the worker updates within seconds of the 202.
    await expect
      .poll(async () => (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/unpriced`)).json()).items, {
        timeout: 30_000,
      })
      .toEqual([expect.objectContaining({ provider: "self-hosted", model: "acme-7b", events: 3 })]);

    const bad = await owner.api.post(`/api/orgs/${owner.orgSlug}/price-overrides`, {
      data: { kind: "CUSTOM_PRICE", provider: "self-hosted", model: "acme-7b", prices: { input: "-1", output: "x" } },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["prices.input", "prices.output"]),
    );

    const res = await owner.api.post(`/api/orgs/${owner.orgSlug}/price-overrides`, {
      data: {
        kind: "CUSTOM_PRICE",
        provider: "self-hosted",
        model: "acme-7b",
        prices: { input: "0.40", output: "1.20" },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    await waitForJobs();
    // 1000 × $0.40/M + 500 × $1.20/M = $0.0004 + $0.0006 = $0.001 = 1,000,000,000 pico-USD
    for (const id of ids) expect(await costOf(id)).toBe("1000000000");
    expect((await (await owner.api.get(`/api/orgs/${owner.orgSlug}/unpriced`)).json()).totalEvents).toBe(0);

    const discount = await owner.api.post(`/api/orgs/${owner.orgSlug}/price-overrides`, {
      data: {
        kind: "DISCOUNT",
        percentOff: "12.5",
        provider: "self-hosted",
        effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
      },
    });
    expect(discount.status()).toBe(201);
    await waitForJobs();
    for (const id of ids) expect(await costOf(id)).toBe("875000000");

    const { items } = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/audit`)).json();
    expect(items.filter((i: { action: string }) => i.action === "price_override.created")).toHaveLength(2);
  });

  test("the catalog is browsable and searchable", async () => {
    const res = await owner.api.get(`/api/orgs/${owner.orgSlug}/prices?search=gpt-4o&pageSize=5`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(
      body.items.every(
        (i: { model: string; aliases: string[] }) => i.model.includes("gpt-4o") || i.aliases.includes("gpt-4o"),
      ),
    ).toBe(true);
    expect(body.providers).toEqual(expect.arrayContaining(["openai", "anthropic", "google"]));
    const bad = await owner.api.get(`/api/orgs/${owner.orgSlug}/prices?page=0`);
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("page");
  });
});
