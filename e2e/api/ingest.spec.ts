import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { createAccount, createKey } from "../support/accounts";
import { orgIdOf, query } from "../support/db";
import { perMillionToPicoPerToken } from "../../lib/money/pico";

const now = () => new Date().toISOString();
const event = (over: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  timestamp: now(),
  provider: "openai",
  model: "gpt-4o-mini-2024-07-18",
  inputTokens: 1200,
  outputTokens: 300,
  team: "search",
  feature: "answers",
  ...over,
});

test.describe("POST /api/v1/events", () => {
  let svc: APIRequestContext;
  let orgId: string;

  test.beforeAll(async ({ baseURL, playwright }) => {
    const owner = await createAccount(baseURL!, "ingest");
    const key = await createKey(owner, ["ingest"], "ingest spec");
    orgId = await orgIdOf(owner.orgSlug);
    svc = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key.secret}` } });
  });

  const count = async (ids: string[]) =>
    Number(
      (
        await query<{ n: string }>(`SELECT count(*) n FROM usage_events WHERE "orgId" = $1 AND "eventId" = ANY($2)`, [
          orgId,
          ids,
        ])
      )[0]!.n,
    );

  test("a single event is committed and priced exactly; a retry counts once", async () => {
    const e = event({ inputTokens: 1_000_000, outputTokens: 1_000_000 });
    const res = await svc.post("/api/v1/events", { data: e });
    expect(res.status(), await res.text()).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0 });
    const [row] = await query<{ costPico: string; pricedModel: string; priced: boolean }>(
      `SELECT "costPico"::text, "pricedModel", priced FROM usage_events WHERE "orgId" = $1 AND "eventId" = $2`,
      [orgId, e.eventId],
    );
    expect(row!.priced).toBe(true);
    expect(row!.pricedModel).toBe("openai/gpt-4o-mini");
    const [price] = await query<{ prices: { input: string; output: string } }>(
      `SELECT prices FROM model_prices WHERE provider = 'openai' AND model = 'gpt-4o-mini' AND "effectiveTo" IS NULL`,
    );
    const perToken = perMillionToPicoPerToken(price!.prices.input) + perMillionToPicoPerToken(price!.prices.output);
    expect(BigInt(row!.costPico)).toBe(1_000_000n * perToken);

    const again = await svc.post("/api/v1/events", { data: e });
    expect(again.status()).toBe(202);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1 });
    expect(await count([e.eventId])).toBe(1);
  });

  test("a batch with some bad events answers 207, commits the good ones and names each bad field", async () => {
    const good = [event(), event()];
    const bad = [
      event({ inputTokens: -5 }),
      event({ model: 42 }),
      { ...event(), surprise: true },
      event({ timestamp: "yesterday" }),
    ];
    const res = await svc.post("/api/v1/events", { data: { events: [good[0], ...bad, good[1]] } });
    expect(res.status()).toBe(207);
    const body = await res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 3, 4]);
    const paths = body.rejected.map((r: { issues: { path: string }[] }) => r.issues[0]!.path);
    expect(paths).toEqual(["events[1].inputTokens", "events[2].model", "events[3].surprise", "events[4].timestamp"]);
    expect(body.rejected[0].eventId).toBe(bad[0]!.eventId);
    expect(await count(good.map((g) => g.eventId as string))).toBe(2);
    expect(await count(bad.map((b) => b.eventId as string))).toBe(0);
  });

  test("nothing valid is a 400 in the one error shape", async () => {
    const res = await svc.post("/api/v1/events", { data: { events: [event({ outputTokens: 1.5 })] } });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues[0].path).toBe("events[0].outputTokens");
    const single = await svc.post("/api/v1/events", { data: event({ provider: "" }) });
    expect((await single.json()).error.issues[0].path).toBe("provider");
  });

  test("timestamps too far in the future or the past are refused", async () => {
    const future = event({ timestamp: new Date(Date.now() + 10 * 60_000).toISOString() });
    const old = event({ timestamp: new Date(Date.now() - 40 * 86_400_000).toISOString() });
    const res = await svc.post("/api/v1/events", { data: { events: [future, old] } });
    expect(res.status()).toBe(400);
    const messages = (await res.json()).rejected.map((r: { issues: { message: string }[] }) => r.issues[0]!.message);
    expect(messages[0]).toContain("future");
    expect(messages[1]).toContain("35 days");
  });

  test("an organisation that allows backfill accepts old events, and the setting takes effect at once", async () => {
    const old = () => event({ timestamp: new Date(Date.now() - 40 * 86_400_000).toISOString() });
    await query(`UPDATE organizations SET "allowBackfill" = true WHERE id = $1`, [orgId]);
    try {
      const res = await svc.post("/api/v1/events", { data: old() });
      expect(res.status(), await res.text()).toBe(202);
    } finally {
      await query(`UPDATE organizations SET "allowBackfill" = false WHERE id = $1`, [orgId]);
    }
    expect((await svc.post("/api/v1/events", { data: old() })).status()).toBe(400);
  });

  test("concurrent retries of the same batch count every event once", async () => {
    const batch = Array.from({ length: 200 }, () => event());
    const results = await Promise.all(
      Array.from({ length: 8 }, () => svc.post("/api/v1/events", { data: { events: batch } })),
    );
    const bodies = await Promise.all(results.map((r) => r.json()));
    expect(results.every((r) => r.status() === 202)).toBe(true);
    expect(bodies.reduce((s, b) => s + b.accepted, 0)).toBe(200);
    expect(bodies.reduce((s, b) => s + b.duplicates, 0)).toBe(200 * 7);
    expect(await count(batch.map((b) => b.eventId))).toBe(200);
  });

  test("same eventId twice inside one batch is one event and one duplicate", async () => {
    const e = event();
    const res = await svc.post("/api/v1/events", { data: { events: [e, { ...e, inputTokens: 9 }] } });
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 1 });
  });

  test("gzip bodies are accepted; oversized bodies and gzip bombs get 413", async () => {
    const batch = { events: Array.from({ length: 50 }, () => event()) };
    const zipped = await svc.post("/api/v1/events", {
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      data: gzipSync(JSON.stringify(batch)),
    });
    expect(zipped.status(), await zipped.text()).toBe(202);
    expect((await zipped.json()).accepted).toBe(50);

    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // 64 MB of spaces → ~64 KB
    const boom = await svc.post("/api/v1/events", {
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      data: bomb,
    });
    expect(boom.status()).toBe(413);
    expect((await boom.json()).error.code).toBe("payload_too_large");

    const big = await svc.post("/api/v1/events", {
      headers: { "content-type": "application/json" },
      data: " ".repeat(6 * 1024 * 1024),
    });
    expect(big.status()).toBe(413);

    const corrupt = await svc.post("/api/v1/events", {
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      data: Buffer.from("not gzip"),
    });
    expect(corrupt.status()).toBe(400);
  });

  test("wrong content type, malformed JSON and too many events are 4xx naming the problem", async () => {
    const text = await svc.post("/api/v1/events", { headers: { "content-type": "text/plain" }, data: "hi" });
    expect(text.status()).toBe(415);
    expect((await text.json()).error.issues[0].path).toBe("content-type");
    const malformed = await svc.post("/api/v1/events", {
      headers: { "content-type": "application/json" },
      data: '{"events": [',
    });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.issues[0].path).toBe("body");
    const many = await svc.post("/api/v1/events", { data: { events: Array.from({ length: 1001 }, () => event()) } });
    expect(many.status()).toBe(400);
    expect((await many.json()).error.issues[0].path).toBe("events");
    const arr = await svc.post("/api/v1/events", { data: [event()] });
    expect(arr.status()).toBe(400);
  });

  test("an unknown model is accepted unpriced; the key's default team fills an empty team", async ({
    baseURL,
    playwright,
  }) => {
    const owner = await createAccount(baseURL!, "defaults");
    const res = await owner.api.post(`/api/orgs/${owner.orgSlug}/api-keys`, {
      data: { name: "team key", scopes: ["ingest"], defaultAttribution: { team: "platform" } },
    });
    const { secret } = (await res.json()).apiKey;
    const ctx = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${secret}` },
    });
    const e = event({ model: "my-selfhosted-llama-ft", provider: "self", team: undefined });
    expect((await ctx.post("/api/v1/events", { data: e })).status()).toBe(202);
    const [row] = await query<{ priced: boolean; costPico: string | null; team: string }>(
      `SELECT priced, "costPico", team FROM usage_events WHERE "eventId" = $1`,
      [e.eventId],
    );
    expect(row).toEqual({ priced: false, costPico: null, team: "platform" });
    await ctx.dispose();
  });

  test("a caller's cost that differs by more than 1% is kept and flagged", async () => {
    const e = event({ inputTokens: 1000, outputTokens: 0, cost: "1.00" });
    expect((await svc.post("/api/v1/events", { data: e })).status()).toBe(202);
    const [row] = await query<{ costMismatch: boolean; reportedCostPico: string }>(
      `SELECT "costMismatch", "reportedCostPico"::text FROM usage_events WHERE "eventId" = $1`,
      [e.eventId],
    );
    expect(row).toEqual({ costMismatch: true, reportedCostPico: "1000000000000" });
  });
});
