import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createAccount, createKey, type Account } from "../support/accounts";
import { orgIdOf, query } from "../support/db";
import { formatPicoUsd } from "../../lib/money/pico";

test.describe("GET /api/v1/spend", () => {
  let reader: APIRequestContext;
  let orgId: string;
  let owner: Account;

  test.beforeAll(async ({ baseURL, playwright }) => {
    owner = await createAccount(baseURL!, "spend");
    const key = await createKey(owner, ["ingest", "read"], "spend");
    orgId = await orgIdOf(owner.orgSlug);
    reader = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
    });
    const teams = ["search", "support", "growth"];
    const events = Array.from({ length: 300 }, (_, i) => ({
      eventId: randomUUID(),
      timestamp: new Date(Date.now() - (i % 5) * 86_400_000 - 3_600_000).toISOString(),
      provider: "openai",
      model: i % 2 ? "gpt-4o-mini" : "gpt-4o",
      inputTokens: 1000 + i,
      outputTokens: 200 + i,
      cacheWriteTokens: i % 4 === 0 ? 0 : 30 + (i % 7),
      team: teams[i % 3],
      ...(i % 10 === 0 ? { team: undefined } : {}),
    }));
    expect((await reader.post("/api/v1/events", { data: { events } })).status()).toBe(202);
    await expect
      .poll(async () => (await (await reader.get("/api/v1/spend")).json()).total.events, { timeout: 30_000 })
      .toBe(300);
  });

  test("totals by team equal the raw events to the pico-dollar", async () => {
    const res = await reader.get("/api/v1/spend?groupBy=team&granularity=day");
    expect(res.status()).toBe(200);
    const body = await res.json();
    const raw = await query<{ team: string; cost: string; n: string; cw: string }>(
      `SELECT coalesce(team, '') AS team, sum("costPico")::text AS cost, count(*)::text AS n,
              sum("cacheWriteTokens")::text AS cw FROM usage_events WHERE "orgId" = $1 GROUP BY 1`,
      [orgId],
    );
    for (const r of raw) {
      const s = body.series.find((x: { key: { team: string } }) => x.key.team === r.team);
      expect(s.total.cost).toBe(formatPicoUsd(BigInt(r.cost)));
      expect(s.total.events).toBe(Number(r.n));
      expect(s.total.cacheWriteTokens).toBe(Number(r.cw));
    }
    // Cache writes, summed by hand from what was posted: 0 for every 4th event, else 30 + i % 7.
    let cacheWrites = 0;
    for (let i = 0; i < 300; i++) cacheWrites += i % 4 === 0 ? 0 : 30 + (i % 7);
    expect(body.total.cacheWriteTokens).toBe(cacheWrites);
    const all = raw.reduce((a, r) => a + BigInt(r.cost), 0n);
    expect(body.total.cost).toBe(formatPicoUsd(all));
    expect(body.currency).toBe("USD");
    expect(body.series[0].points[0].t).toMatch(/T00:00:00.000Z$/);
  });

  test("filters and a second dimension narrow the answer", async () => {
    const body = await (await reader.get("/api/v1/spend?groupBy=team,model&team=search&model=gpt-4o-mini")).json();
    expect(body.series.length).toBe(1);
    expect(body.series[0].key).toEqual({ team: "search", model: "gpt-4o-mini" });
    const none = await (await reader.get("/api/v1/spend?groupBy=team&team=(none)")).json();
    expect(none.series.map((s: { key: { team: string } }) => s.key.team)).toEqual([""]);
  });

  test("bad parameters are 400s naming the parameter", async () => {
    for (const [qs, path] of [
      ["granularity=year", "granularity"],
      ["groupBy=colour", "groupBy"],
      ["groupBy=team,model,feature", "groupBy"],
      ["from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from"],
      ["wat=1", "wat"],
    ]) {
      const res = await reader.get(`/api/v1/spend?${qs}`);
      expect(res.status(), qs).toBe(400);
      expect((await res.json()).error.issues[0].path, qs).toBe(path);
    }
  });

  test("active end users are counted once each in the range", async () => {
    const users = ["u-1", "u-1", "u-2", "u-3", undefined];
    const events = users.map((endUser) => ({
      eventId: randomUUID(),
      timestamp: new Date().toISOString(),
      provider: "openai",
      model: "gpt-4o",
      inputTokens: 1,
      outputTokens: 1,
      endUser,
    }));
    expect((await reader.post("/api/v1/events", { data: { events } })).status()).toBe(202);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = await owner.api.get(`/api/orgs/${owner.orgSlug}/active-end-users?from=${from}&to=${to}`);
    expect(res.status()).toBe(200);
    expect((await res.json()).activeEndUsers).toBe(3);
    const bad = await owner.api.get(`/api/orgs/${owner.orgSlug}/active-end-users?from=yesterday&to=${to}`);
    expect((await bad.json()).error.issues[0].path).toBe("from");
  });

  test("an ingest-only key cannot read spend", async ({ baseURL, playwright }) => {
    const owner = await createAccount(baseURL!, "spend-scope");
    const key = await createKey(owner, ["ingest"], "ingest only");
    const ctx = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
    });
    expect((await ctx.get("/api/v1/spend")).status()).toBe(403);
    await ctx.dispose();
  });
});
