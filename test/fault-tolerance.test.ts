// The fault suite (issue 16): a real `npm start` (web + worker under its supervisor) on a throwaway
// Postgres and Redis, four clients retrying as the README asks, and one fault at a time: Postgres
// restarted, Redis restarted, the worker SIGKILLed, the web process SIGKILLed, mid-ingest. After
// each: health 200 within 30 s of the fault with nobody's help, every event that got a 202 stored
// exactly once, rollups equal to the raw events. Last, SIGTERM to npm drains and exits 0.
// It never touches the machine's shared Postgres (5432) or Redis (6379).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppStack, startAppStack } from "./support/stack/app-stack";
import { signedInPage } from "./support/stack/dashboard-browser";
import { probeTcp } from "./support/stack/free-port";
import { type Ledger, openLedger } from "./support/stack/ledger";
import { type ClientStats, makeBatch, newStats, runClients } from "./support/stack/retrying-client";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HEALTHY_WITHIN_MS = 30_000;

let stack: AppStack;
let ledger: Ledger;
const accepted = new Set<string>();

beforeAll(async () => {
  stack = await startAppStack();
  ledger = await openLedger(stack.pg.url, stack.orgSlug);
}, 900_000);

afterAll(async () => {
  await ledger?.close().catch(() => {});
  await stack?.destroy();
}, 60_000);

/** Clients post for `beforeMs`, the fault happens, they go on for `afterMs`; then every batch is settled. */
async function ingestThrough(fault: () => Promise<void>, { beforeMs = 2_000, afterMs = 4_000 } = {}) {
  const stats = newStats();
  let done = false;
  let faultAt = 0;
  const clients = runClients(stack.baseUrl, stack.apiKey, stats, {
    clients: 4,
    batchSize: 100,
    until: () => done,
    giveUp: () => faultAt > 0 && Date.now() - faultAt > afterMs + HEALTHY_WITHIN_MS, // fails below, fast
  });
  await sleep(beforeMs);
  faultAt = Date.now();
  await fault();
  await sleep(afterMs);
  done = true;
  await clients;
  const healthyAfterMs = Date.now() - faultAt + (await stack.waitHealthy(HEALTHY_WITHIN_MS));
  for (const id of stats.accepted) accepted.add(id);
  return { stats, healthyAfterMs };
}

async function expectExactlyOnce(stats: ClientStats) {
  expect(stats.accepted.size).toBeGreaterThan(0);
  expect([...stats.statuses.keys()].filter((s) => s !== 202 && s !== 503 && s !== 429 && s !== "no answer")).toEqual(
    [],
  );
  const stored = await ledger.stored(accepted);
  expect(stored).toEqual({ stored: accepted.size, distinct: accepted.size, missing: 0, unexpected: 0 });
  const rollups = await ledger.rollupsCaughtUp(60_000);
  expect(rollups.mismatches).toEqual([]);
  expect(rollups.rolledUp).toBe(accepted.size);
}

/** Which of these processes still run (npm, start.mjs, web and worker each have their own group). */
function stillRunning(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
}

/** Stats of one batch posted by hand and answered 202. */
function newStatsWith(batch: { eventId: string }[]): ClientStats {
  const stats = newStats();
  for (const e of batch) stats.accepted.add(e.eventId);
  stats.statuses.set(202, 1);
  return stats;
}

const unexpectedExits = () => stack.output().match(/stopped unexpectedly[^\n]*/g) ?? [];

describe("faults mid-ingest, through npm start", () => {
  it("Postgres restarted: no process dies, 503s meanwhile, then everything resumes", async () => {
    const pids = { web: stack.pidOf("web"), worker: stack.pidOf("worker") };
    const { stats, healthyAfterMs } = await ingestThrough(() => stack.pg.restart());
    expect(healthyAfterMs).toBeLessThan(HEALTHY_WITHIN_MS);
    expect(unexpectedExits()).toEqual([]);
    expect({ web: stack.pidOf("web"), worker: stack.pidOf("worker") }).toEqual(pids);
    await expectExactlyOnce(stats);
  }, 180_000);

  it("Postgres down: ingest answers 503 + Retry-After within seconds, health names postgres; back up, it resumes", async () => {
    const batch = makeBatch(50);
    const post = () =>
      fetch(`${stack.baseUrl}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ events: batch }),
        signal: AbortSignal.timeout(20_000),
      });
    await stack.pg.stop();
    try {
      const t0 = Date.now();
      const res = await post();
      const tookMs = Date.now() - t0;
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await res.json()).error.code).toBe("unavailable");
      expect(tookMs).toBeLessThan(5_000);
      const health = await fetch(`${stack.baseUrl}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: "degraded", postgres: "down", redis: "ok" });
    } finally {
      await stack.pg.start();
    }
    await stack.waitHealthy(HEALTHY_WITHIN_MS);
    const retried = await post();
    expect(retried.status).toBe(202);
    for (const e of batch) accepted.add(e.eventId);
    expect(unexpectedExits()).toEqual([]);
    await expectExactlyOnce(newStatsWith(batch));
  }, 120_000);

  it("Redis restarted (all its keys lost): no process dies, ingest goes on, rollups catch up", async () => {
    const pids = { web: stack.pidOf("web"), worker: stack.pidOf("worker") };
    const { stats, healthyAfterMs } = await ingestThrough(() => stack.redis.restart(1_000));
    expect(healthyAfterMs).toBeLessThan(HEALTHY_WITHIN_MS);
    expect(unexpectedExits()).toEqual([]);
    expect({ web: stack.pidOf("web"), worker: stack.pidOf("worker") }).toEqual(pids);
    await expectExactlyOnce(stats);
  }, 180_000);

  it("worker SIGKILLed mid-batch: the supervisor restarts it, its jobs are retried exactly once", async () => {
    const before = stack.pidOf("worker")!;
    const { stats, healthyAfterMs } = await ingestThrough(async () => {
      process.kill(before, "SIGKILL");
    });
    expect(healthyAfterMs).toBeLessThan(HEALTHY_WITHIN_MS);
    expect(stack.output()).toMatch(new RegExp(`worker \\(pid ${before}\\) stopped unexpectedly \\(killed by SIGKILL`));
    const after = stack.pidOf("worker");
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    await expectExactlyOnce(stats);
  }, 180_000);

  it("web SIGKILLed mid-batch: restarted by the supervisor, retried batches counted once", async () => {
    const before = stack.pidOf("web")!;
    const { stats, healthyAfterMs } = await ingestThrough(
      async () => {
        process.kill(before, "SIGKILL");
      },
      {
        afterMs: 6_000,
      },
    );
    expect(healthyAfterMs).toBeLessThan(HEALTHY_WITHIN_MS);
    expect(stack.output()).toMatch(new RegExp(`web \\(pid ${before}\\) stopped unexpectedly \\(killed by SIGKILL`));
    expect(stack.pidOf("web")).not.toBe(before);
    await expectExactlyOnce(stats);
  }, 180_000);

  it("dashboard during a Postgres outage: says the database is unavailable, comes back by itself", async () => {
    const { page, browser } = await signedInPage(stack.baseUrl, stack.owner.email, stack.owner.password);
    try {
      await page.goto(`${stack.baseUrl}/${stack.orgSlug}`);
      await page.getByRole("heading", { name: "Overview" }).waitFor({ timeout: 30_000 });
      await stack.pg.stop();
      try {
        await page.goto(`${stack.baseUrl}/${stack.orgSlug}`);
        await page.getByText("The database is unavailable").waitFor({ timeout: 20_000 });
      } finally {
        await stack.pg.start();
      }
      // No reload: the notice polls health and re-renders the page once Postgres answers.
      await page.getByText("The database is unavailable").waitFor({ state: "detached", timeout: 30_000 });
      await page.getByRole("heading", { name: "Overview" }).waitFor({ timeout: 10_000 });
    } finally {
      await browser.close();
    }
  }, 150_000);

  it("SIGTERM to npm drains: requests in flight finish, web and worker exit 0, npm exits 0, nothing left", async () => {
    const stats = newStats();
    let done = false;
    const clients = runClients(stack.baseUrl, stack.apiKey, stats, {
      clients: 4,
      batchSize: 100,
      until: () => done,
      giveUp: () => done,
    });
    await sleep(1_500);
    const inFlightAtSignal = new Set<number>();
    const pids = [stack.npm.pid!, stack.pidOf("web")!, stack.pidOf("worker")!];
    const signalledAt = Date.now();
    process.kill(stack.npm.pid!, "SIGTERM");
    done = true;
    const exit = await Promise.race([stack.npmExited, sleep(40_000).then(() => "timeout" as const)]);
    await clients.catch(() => {}); // batches sent after the port closed find no server: fine
    for (const [sent, , status] of stats.samples)
      if (sent < signalledAt && status === "no answer") inFlightAtSignal.add(sent);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(inFlightAtSignal.size).toBe(0); // every request sent before the signal was answered
    expect(stack.output()).toMatch(/stopped: web exit 0, worker exit 0/);
    expect(await probeTcp(Number(new URL(stack.baseUrl).port))).toBe(false);
    expect(stillRunning(pids)).toEqual([]);
    for (const id of stats.accepted) accepted.add(id);
    const stored = await ledger.stored(accepted);
    expect(stored.missing).toBe(0);
  }, 120_000);
});
