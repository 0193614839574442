import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { pendingDeltas, rollupMismatches } from "./support/rollup-check";
import { kill9, sleep, startWorker, streamEvents, waitFor } from "./support/worker-process";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

describe("rollups are exactly-once under worker crashes", () => {
  it("SIGKILL of the worker, again and again while events stream in, loses and doubles nothing", async () => {
    const org = await newOrg("crash");
    let worker = startWorker();
    let kills = 0;
    const streaming = streamEvents(org.orgId, 9_000);
    const killer = (async () => {
      const end = Date.now() + 8_000;
      while (Date.now() < end) {
        await sleep(700 + Math.random() * 600);
        await kill9(worker);
        kills++;
        worker = startWorker();
      }
    })();
    const [accepted] = await Promise.all([streaming, killer]);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(accepted).toBeGreaterThan(1000);
    try {
      await waitFor(async () => (await pendingDeltas(org.orgId)) === 0, 45_000);
    } finally {
      await kill9(worker);
    }
    expect(await rollupMismatches(org.orgId)).toEqual([]);
    const { rows } = await pgPool().query(`SELECT sum(events)::int AS n FROM spend_rollups WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    expect(rows[0].n).toBe(accepted);
  }, 90_000);
});
