// @burnrate/sdk track(): batching, gzip, retries with backoff and Retry-After, bounded memory, flush on
// shutdown, never throwing — against Burnrate's routes over HTTP (real Postgres), through a proxy that plants
// faults where a test needs them.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { Burnrate } from "@/sdk/src/index";
import { closeConnections } from "./support/close-connections";
import { pricedOrg, startBurnrate, storedEvents, TEST_MODEL } from "./support/otel-helpers";
import { type RouteServer, startFaultyProxy } from "./support/route-server";

let burnrate: RouteServer;
beforeAll(async () => {
  await installShippedCatalogIfEmpty();
  burnrate = await startBurnrate();
});
afterAll(async () => {
  await burnrate.close();
  await closeConnections();
});

const event = (n: number, extra: Record<string, unknown> = {}) => ({
  provider: "openai",
  model: TEST_MODEL,
  inputTokens: n,
  outputTokens: 0,
  ...extra,
});

describe("Burnrate.track", () => {
  it("sends batches of batchSize, gzipped, with the client's defaults; stats count what was sent", async () => {
    const { org, apiKey } = await pricedOrg("sdk-batch");
    const proxy = await startFaultyProxy(burnrate.url);
    const errors: Error[] = [];
    const br = new Burnrate({
      apiKey,
      baseUrl: proxy.url,
      batchSize: 3,
      flushIntervalMs: 60_000,
      defaults: { team: "search" },
      onError: (e) => errors.push(e),
    });
    for (let i = 1; i <= 7; i++) br.track(event(i, i === 7 ? { team: "own-team" } : {}));
    await br.shutdown();
    expect(errors).toEqual([]);
    // 3 + 3 + 1: two full batches at once, the rest on flush.
    expect(proxy.seen.map((r) => r.path)).toEqual(Array(3).fill("/api/v1/events"));
    expect(proxy.seen.every((r) => r.headers["content-encoding"] === "gzip")).toBe(true);
    expect(br.stats).toEqual({ sent: 7, dropped: 0, rejected: 0, queued: 0 });
    const stored = await storedEvents(org);
    expect(stored.map((e) => e.inputTokens).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(stored.filter((e) => e.team === "search")).toHaveLength(6);
    expect(stored.find((e) => e.inputTokens === 7)!.team).toBe("own-team");
    // 1+…+7 = 28 input tokens at 10⁶ pico each
    expect(stored.reduce((s, e) => s + BigInt(e.costPico!), 0n)).toBe(28_000_000n);
    await proxy.close();
  });

  it("retries 503 and 429 with backoff, waiting Retry-After; a response lost after commit counts once", async () => {
    const { org, apiKey } = await pricedOrg("sdk-retry");
    const proxy = await startFaultyProxy(burnrate.url, [
      { status: 503 },
      "forward-then-fail",
      { status: 429, headers: { "retry-after": "1" } },
    ]);
    const br = new Burnrate({
      apiKey,
      baseUrl: proxy.url,
      flushIntervalMs: 60_000,
      retryBaseMs: 10,
      onError: () => {},
    });
    br.track(event(5, { eventId: "retry-1" }));
    br.track(event(6, { eventId: "retry-2" }));
    await br.flush();
    expect(proxy.seen).toHaveLength(4);
    // The 429's Retry-After: 1 was honoured before the fourth try.
    expect(proxy.seen[3]!.at - proxy.seen[2]!.at).toBeGreaterThanOrEqual(950);
    expect(br.stats).toMatchObject({ sent: 2, dropped: 0 });
    // The batch was committed on the second try (its answer lost) and again on the fourth: stored once.
    expect((await storedEvents(org)).map((e) => e.eventId)).toEqual(["retry-1", "retry-2"]);
    await br.shutdown();
    await proxy.close();
  });

  it("drops a batch after maxRetries, counting it; never throws into the caller", async () => {
    const { apiKey } = await pricedOrg("sdk-drop");
    const proxy = await startFaultyProxy(burnrate.url, Array(10).fill({ status: 502 }));
    const errors: Error[] = [];
    const br = new Burnrate({
      apiKey,
      baseUrl: proxy.url,
      flushIntervalMs: 60_000,
      maxRetries: 2,
      retryBaseMs: 5,
      onError: (e) => errors.push(e),
    });
    br.track(event(1));
    br.track(event(2));
    expect(() => br.track(null as never)).not.toThrow();
    await br.flush();
    expect(proxy.seen).toHaveLength(3); // first try + 2 retries
    expect(br.stats).toEqual({ sent: 0, dropped: 3, rejected: 0, queued: 0 });
    expect(errors.map((e) => e.message)).toEqual([
      "track() takes a usage event object",
      expect.stringMatching(/^Burnrate answered 502: .*; 2 events dropped after 3 tries$/),
    ]);
    await br.shutdown();
    await proxy.close();
  });

  it("holds at most maxQueueSize events; invalid events come back as rejected (207); shutdown flushes", async () => {
    const { org, apiKey } = await pricedOrg("sdk-bounded");
    const errors: Error[] = [];
    const br = new Burnrate({
      apiKey,
      baseUrl: burnrate.url,
      batchSize: 100,
      flushIntervalMs: 60_000,
      maxQueueSize: 5,
      onError: (e) => errors.push(e),
    });
    for (let i = 1; i <= 4; i++) br.track(event(i));
    br.track(event(-1)); // invalid: Burnrate refuses it
    br.track(event(6));
    br.track(event(7));
    expect(br.stats).toEqual({ sent: 0, dropped: 2, rejected: 0, queued: 5 });
    await br.shutdown();
    expect(br.stats).toEqual({ sent: 4, dropped: 3, rejected: 1, queued: 0 });
    expect(errors.map((e) => e.message)).toEqual([
      "Burnrate: queue full (5 events); event dropped",
      "Burnrate: queue full (5 events); event dropped",
      "Burnrate rejected 1 of 5 events: events[4].inputTokens: must not be negative",
    ]);
    expect((await storedEvents(org)).map((e) => e.inputTokens).sort()).toEqual([1, 2, 3, 4]);
  });

  it("sends on the interval without a full batch or a flush", async () => {
    const { org, apiKey } = await pricedOrg("sdk-interval");
    const br = new Burnrate({ apiKey, baseUrl: burnrate.url, flushIntervalMs: 100 });
    br.track(event(11));
    await expect.poll(async () => (await storedEvents(org)).length, { timeout: 5000 }).toBe(1);
    // The event is stored before its 202 reaches the SDK: wait for the answer too.
    await expect.poll(() => br.stats.sent, { timeout: 5000 }).toBe(1);
    expect(br.stats).toMatchObject({ sent: 1, queued: 0 });
    await br.shutdown();
  });

  it("a process that ends without calling shutdown() still sends what it tracked (beforeExit)", async () => {
    const { org, apiKey } = await pricedOrg("sdk-exit");
    const dir = mkdtempSync(path.join(tmpdir(), "burnrate-sdk-"));
    const script = path.join(dir, "exit.ts");
    const sdk = path.resolve(import.meta.dirname, "../sdk/src/index.ts");
    writeFileSync(
      script,
      `import { Burnrate } from ${JSON.stringify(sdk)};
const br = new Burnrate({ apiKey: process.env.KEY!, baseUrl: process.env.URL!, flushIntervalMs: 60_000 });
br.track({ eventId: "at-exit", provider: "openai", model: ${JSON.stringify(TEST_MODEL)}, inputTokens: 3, outputTokens: 0 });
`,
    );
    const tsx = path.resolve(import.meta.dirname, "../node_modules/tsx/dist/cli.mjs");
    await promisify(execFile)(process.execPath, [tsx, script], {
      env: { ...process.env, KEY: apiKey, URL: burnrate.url },
    });
    expect((await storedEvents(org)).map((e) => e.eventId)).toEqual(["at-exit"]);
  });
});
