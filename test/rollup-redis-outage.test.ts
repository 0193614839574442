import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// This file runs against a private redis-server it starts and kills, never the shared one.
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let port = 0;
let redis: ChildProcess | undefined;
const dir = mkdtempSync(path.join(tmpdir(), "burnrate-redis-"));
function startRedis() {
  redis = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    { stdio: "ignore" },
  );
}

beforeAll(async () => {
  port = await freePort();
  startRedis();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  await new Promise((r) => setTimeout(r, 300));
});

afterAll(async () => {
  redis?.kill("SIGKILL");
  const { closeQueues } = await import("@/lib/queue/enqueue");
  const { closePgPool } = await import("@/lib/db/pg-pool");
  const { disconnectDb } = await import("@/lib/db");
  await Promise.race([closeQueues(), new Promise((r) => setTimeout(r, 2000))]);
  await closePgPool();
  await disconnectDb();
});

describe("rollups survive a Redis outage", () => {
  it("events committed while Redis is down are rolled up once it is back", async () => {
    const { installShippedCatalogIfEmpty } = await import("@/lib/pricing/catalog/install-catalog");
    const { newOrg } = await import("./support/factories");
    const { pendingDeltas, rollupMismatches } = await import("./support/rollup-check");
    const { kill9, sleep, startWorker, streamEvents, waitFor } = await import("./support/worker-process");
    await installShippedCatalogIfEmpty();
    const org = await newOrg("redis-outage");
    const worker = startWorker({ REDIS_URL: process.env.REDIS_URL });
    try {
      let accepted = await streamEvents(org.orgId, 2_000);
      redis!.kill("SIGKILL");
      await sleep(200);
      const duringOutage = await streamEvents(org.orgId, 3_000);
      expect(duringOutage).toBeGreaterThan(0); // ingest keeps committing without Redis
      accepted += duringOutage;
      startRedis();
      accepted += await streamEvents(org.orgId, 1_000);
      await waitFor(async () => (await pendingDeltas(org.orgId)) === 0, 45_000);
      expect(await rollupMismatches(org.orgId)).toEqual([]);
      const { pgPool } = await import("@/lib/db/pg-pool");
      const { rows } = await pgPool().query(`SELECT sum(events)::int AS n FROM spend_rollups WHERE "orgId" = $1`, [
        org.orgId,
      ]);
      expect(rows[0].n).toBe(accepted);
    } finally {
      await kill9(worker);
    }
  }, 90_000);
});
