import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { getQueue } from "@/lib/queue/enqueue";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const NOW = new Date();
const ev = (eventId: string, over: Record<string, unknown> = {}) => ({
  eventId,
  timestamp: NOW.toISOString(),
  provider: "openai",
  model: "gpt-4o",
  inputTokens: 1000, // gpt-4o: $2.50/M input, $10/M output
  outputTokens: 100,
  ...over,
});
const rows = async (orgId: string) =>
  (
    await pgPool().query(
      `SELECT "eventId", "apiKeyId", team, "costPico"::text AS cost FROM usage_events WHERE "orgId" = $1 ORDER BY "eventId"`,
      [orgId],
    )
  ).rows;

describe("ingestBatch", () => {
  it("commits each eventId once: repeats within a batch and across batches are duplicates", async () => {
    const org = await newOrg("ingest-dup");
    const first = await ingestBatch(org.orgId, [ev("a"), ev("b"), ev("a"), ev("bad", { inputTokens: -1 })], {});
    expect(first.accepted).toBe(2);
    expect(first.duplicates).toBe(1);
    expect(first.rejected.map((r) => [r.index, r.eventId])).toEqual([[3, "bad"]]);
    expect(await ingestBatch(org.orgId, [ev("a"), ev("c")], {})).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    // 1000 × 2.5e6 + 100 × 10e6 = 3.5e9 pico, hand-worked from the catalog's gpt-4o price
    expect(await rows(org.orgId)).toEqual([
      { eventId: "a", apiKeyId: null, team: null, cost: "3500000000" },
      { eventId: "b", apiKeyId: null, team: null, cost: "3500000000" },
      { eventId: "c", apiKeyId: null, team: null, cost: "3500000000" },
    ]);
  });

  it("records the sending key and applies the key's default attribution", async () => {
    const org = await newOrg("ingest-key");
    await ingestBatch(org.orgId, [ev("k1"), ev("k2", { team: "own" })], { team: "default" }, { apiKeyId: "key-1" });
    expect(await rows(org.orgId)).toEqual([
      { eventId: "k1", apiKeyId: "key-1", team: "default", cost: "3500000000" },
      { eventId: "k2", apiKeyId: "key-1", team: "own", cost: "3500000000" },
    ]);
  });

  it("marks priced and unpriced events", async () => {
    const org = await newOrg("ingest-priced");
    await ingestBatch(org.orgId, [ev("p"), ev("u", { model: "no-such-model" })], {});
    const { rows: r } = await pgPool().query(
      `SELECT "eventId", priced, "costPico" IS NULL AS unpriced FROM usage_events WHERE "orgId" = $1 ORDER BY 1`,
      [org.orgId],
    );
    expect(r).toEqual([
      { eventId: "p", priced: true, unpriced: false },
      { eventId: "u", priced: false, unpriced: true },
    ]);
  });

  it("reads the organisation's backfill setting when the caller did not", async () => {
    const org = await newOrg("ingest-backfill");
    const old = ev("old", { timestamp: new Date(NOW.getTime() - 40 * 86_400_000).toISOString() });
    expect((await ingestBatch(org.orgId, [old], {})).rejected).toHaveLength(1);
    await db().organization.update({ where: { id: org.orgId }, data: { allowBackfill: true } });
    expect((await ingestBatch(org.orgId, [old], {})).accepted).toBe(1);
    expect(
      (await ingestBatch(org.orgId, [{ ...old, eventId: "old2" }], {}, { allowBackfill: false })).rejected,
    ).toHaveLength(1);
  });

  it("wakes the rollup worker only when it inserted something", async () => {
    const org = await newOrg("ingest-wake");
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const rollupJobs = async () =>
      (await getQueue("rollup").getJobs(["waiting", "delayed", "prioritized", "active", "completed", "failed"])).filter(
        (j) => j.data.orgId === org.orgId,
      ).length;
    // Nothing inserted (all rejected): no job.
    expect((await ingestBatch(org.orgId, [ev("bad", { inputTokens: -1 })], {})).accepted).toBe(0);
    await sleep(300);
    expect(await rollupJobs()).toBe(0);
    // One inserted: one job (enqueued after the commit, not awaited).
    expect((await ingestBatch(org.orgId, [ev("w1")], {})).accepted).toBe(1);
    for (let i = 0; i < 60 && (await rollupJobs()) === 0; i++) await sleep(50);
    expect(await rollupJobs()).toBe(1);
    // In a later 250 ms window, a batch of duplicates only: still one job.
    await sleep(300);
    expect(await ingestBatch(org.orgId, [ev("w1")], {})).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    await sleep(300);
    expect(await rollupJobs()).toBe(1);
  });
});
