// Scoped spend (endUser/apiKey budgets) at the rollups level: turning it on (trackScopedSpend), the
// preview read from raw events (queryScopedSpendFromEvents), and the fold's watermark. Expected
// figures are worked out by hand from the gpt-4o price ($2.50 per 1M input tokens: 1,000 input
// tokens = 2,500,000,000 pico-dollars) or from the independent oracle in support/rollup-oracle.
import { randomUUID } from "node:crypto";
import type { PoolClient } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { getQueue } from "@/lib/queue/enqueue";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { foldWatermark } from "@/lib/rollups/fold-watermark";
import { queryScopedSpend, queryScopedSpendFromEvents } from "@/lib/rollups/query-scoped-spend";
import { trackScopedSpend } from "@/lib/rollups/track-scoped-spend";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { scopedFromEvents, scopedFromTable } from "./support/rollup-oracle";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const H = 3_600_000;
const h0 = Math.floor(Date.now() / H) * H - 10 * H; // a whole UTC hour, 10 hours ago
const ev = (hour: number, over: Record<string, unknown> = {}) => ({
  eventId: randomUUID(),
  timestamp: new Date(h0 + hour * H + 60_000).toISOString(),
  provider: "openai",
  model: "gpt-4o",
  inputTokens: 1000,
  outputTokens: 0,
  ...over,
});

const flagOf = async (orgId: string) =>
  (await pgPool().query(`SELECT "tracksScopedSpend" AS on FROM organizations WHERE id = $1`, [orgId])).rows[0].on;
const pendingScoped = async (orgId: string) =>
  (await pgPool().query(`SELECT count(*)::int AS n FROM scoped_spend_deltas WHERE "orgId" = $1`, [orgId])).rows[0]
    .n as number;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` returns a value (the enqueues under test are not awaited by their callers). */
async function eventually<T>(probe: () => Promise<T | undefined>, ms = 3000): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined || Date.now() > until) return v;
    await sleep(50);
  }
}

/** What an ingest in flight holds: a transaction that wrote to scoped_spend_deltas (ROW EXCLUSIVE), not committed. */
async function ingestInFlight(): Promise<PoolClient> {
  const client = await pgPool().connect();
  await client.query("BEGIN");
  await client.query("LOCK TABLE scoped_spend_deltas IN ROW EXCLUSIVE MODE");
  return client;
}
const waitingOnScopedDeltas = async () =>
  (
    await pgPool().query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'scoped_spend_deltas'::regclass AND NOT granted`,
    )
  ).rows[0].n as number;

describe("trackScopedSpend", () => {
  it("turns scoped spend on once, backfilling exactly the organisation's own events", async () => {
    const org = await newOrg("track-once");
    const other = await newOrg("track-other");
    await ingestBatch(
      org.orgId,
      [ev(0, { endUser: "u1" }), ev(0, { endUser: "u1" }), ev(1, { endUser: "u2" })],
      {},
      {
        apiKeyId: "k1",
      },
    );
    await ingestBatch(other.orgId, [ev(0, { endUser: "u1", inputTokens: 7000 })], {}, { apiKeyId: "k1" });
    await foldDeltas(org.orgId);
    expect(await pendingScoped(org.orgId)).toBe(0); // not tracked yet: the ingest wrote no scoped deltas
    expect(await flagOf(org.orgId)).toBe(false);

    expect(await trackScopedSpend(org.orgId)).toBe(true);
    expect(await flagOf(org.orgId)).toBe(true);
    expect(await trackScopedSpend(org.orgId)).toBe(false); // on already
    await foldDeltas(org.orgId);
    // u1: 2 × 2.5e9 in hour 0; u2: 2.5e9 in hour 1 (the other organisation's 7,000 tokens are not here).
    const rows = await pgPool().query<{ u: string; k: string; hour: Date; c: string }>(
      `SELECT "endUser" AS u, "apiKeyId" AS k, hour, "costPico"::text AS c FROM scoped_spend WHERE "orgId" = $1 ORDER BY 1`,
      [org.orgId],
    );
    expect(rows.rows.map((r) => [r.u, r.k, r.hour.getTime(), r.c])).toEqual([
      ["u1", "k1", h0, "5000000000"],
      ["u2", "k1", h0 + H, "2500000000"],
    ]);
    expect(await pendingScoped(org.orgId)).toBe(0);
    expect(await flagOf(other.orgId)).toBe(false);
  });

  it("enqueues the fold of the backfill (a rollup job for the organisation)", async () => {
    const org = await newOrg("track-enqueue");
    await ingestBatch(org.orgId, [ev(0, { endUser: "u1" })], {});
    expect(await trackScopedSpend(org.orgId)).toBe(true);
    const job = await eventually(async () => {
      const jobs = await getQueue("rollup").getJobs(["waiting", "delayed", "prioritized"]);
      return jobs.find((j) => j.id?.startsWith(`rollup-${org.orgId}-backfill-`));
    });
    expect(job?.data).toEqual({ orgId: org.orgId });
    // Already on: no second backfill, no second job.
    expect(await trackScopedSpend(org.orgId)).toBe(false);
    await sleep(300);
    const jobs = await getQueue("rollup").getJobs(["waiting", "delayed", "prioritized"]);
    expect(jobs.filter((j) => j.id?.startsWith(`rollup-${org.orgId}-backfill-`))).toHaveLength(1);
  });

  it("waits for an ingest in flight before it backfills (its lock on scoped_spend_deltas)", async () => {
    const org = await newOrg("track-lock");
    await ingestBatch(org.orgId, [ev(0, { endUser: "u1" })], {});
    const writer = await ingestInFlight();
    let settled = false;
    const flip = trackScopedSpend(org.orgId).finally(() => {
      settled = true;
    });
    try {
      expect(await eventually(async () => ((await waitingOnScopedDeltas()) >= 1 ? true : undefined))).toBe(true);
      await sleep(200);
      expect(settled).toBe(false);
      expect(await flagOf(org.orgId)).toBe(false); // nothing visible before the writer commits
    } finally {
      await writer.query("COMMIT");
      writer.release();
    }
    expect(await flip).toBe(true);
    expect(await flagOf(org.orgId)).toBe(true);
  });

  it("two flips at once: one turns it on, the other finds it on and backfills nothing", async () => {
    const org = await newOrg("track-race");
    await ingestBatch(
      org.orgId,
      [ev(0, { endUser: "u1" }), ev(2, { endUser: "u2", inputTokens: 3000 })],
      {},
      {
        apiKeyId: "k9",
      },
    );
    await foldDeltas(org.orgId);
    // Both calls pass the "already on?" read, then queue on the table lock behind a writer.
    const writer = await ingestInFlight();
    const both = Promise.all([trackScopedSpend(org.orgId), trackScopedSpend(org.orgId)]);
    try {
      expect(await eventually(async () => ((await waitingOnScopedDeltas()) >= 2 ? true : undefined))).toBe(true);
    } finally {
      await writer.query("COMMIT");
      writer.release();
    }
    expect((await both).sort()).toEqual([false, true]);
    // One backfill, so one fold job for it.
    await sleep(300);
    const jobs = await getQueue("rollup").getJobs(["waiting", "delayed", "prioritized"]);
    expect(jobs.filter((j) => j.id?.startsWith(`rollup-${org.orgId}-backfill-`))).toHaveLength(1);
    await foldDeltas(org.orgId);
    // Counted once: u1 2.5e9 (hour 0), u2 7.5e9 (hour 2).
    const actual = await scopedFromTable(org.orgId);
    expect(actual).toEqual(await scopedFromEvents(org.orgId));
    expect([...actual.values()].sort()).toEqual(["2500000000", "7500000000"]);
  });
});

describe("queryScopedSpendFromEvents (the preview before scoped spend is kept)", () => {
  let org: Awaited<ReturnType<typeof newOrg>>;
  beforeAll(async () => {
    org = await newOrg("scoped-preview");
    await ingestBatch(
      org.orgId,
      [
        ev(0, { team: "a", endUser: "u1" }), // 2.5e9
        ev(0, { team: "a", endUser: "u2", inputTokens: 3000 }), // 7.5e9
        ev(1, { team: "b", endUser: "u1", customer: "c1" }), // 2.5e9
        ev(2, { endUser: "u1", inputTokens: 2000 }), // 5e9, no team
        ev(2, { endUser: "u3", inputTokens: 0 }), // priced at 0: no non-zero sum
        ev(1, { provider: "self-hosted", model: "house-llm", endUser: "u1" }), // unpriced: no cost
        ev(-1, { endUser: "u1" }), // before the range
        ev(3, { endUser: "u1", timestamp: new Date(h0 + 3 * H).toISOString() }), // at its end (exclusive)
        ev(1, { team: "b" }), // no end user: "" (2.5e9)
      ],
      {},
      { apiKeyId: "k1" },
    );
    const other = await newOrg("scoped-preview-other");
    await ingestBatch(other.orgId, [ev(0, { team: "a", endUser: "u1", inputTokens: 9000 })], {}, { apiKeyId: "k1" });
  });
  const range = () => ({ from: new Date(h0), to: new Date(h0 + 3 * H) });

  it("sums the raw events by one column, non-zero sums only, the organisation's own", async () => {
    expect(await queryScopedSpendFromEvents(org.orgId, { ...range(), filters: {}, groupBy: "endUser" })).toEqual([
      { value: "", hour: 0, pico: 2_500_000_000n },
      { value: "u1", hour: 0, pico: 10_000_000_000n },
      { value: "u2", hour: 0, pico: 7_500_000_000n },
    ]);
    expect(await queryScopedSpendFromEvents(org.orgId, { ...range(), filters: {} })).toEqual([
      { value: "", hour: 0, pico: 20_000_000_000n },
    ]);
  });

  it("per UTC hour, filtered by end user, key and team", async () => {
    expect(
      await queryScopedSpendFromEvents(org.orgId, { ...range(), filters: { endUser: "u1" }, hourly: true }),
    ).toEqual([
      { value: "", hour: h0, pico: 2_500_000_000n },
      { value: "", hour: h0 + H, pico: 2_500_000_000n },
      { value: "", hour: h0 + 2 * H, pico: 5_000_000_000n },
    ]);
    expect(await queryScopedSpendFromEvents(org.orgId, { ...range(), filters: { apiKeyId: "k1", team: "a" } })).toEqual(
      [{ value: "", hour: 0, pico: 10_000_000_000n }],
    );
    expect(
      await queryScopedSpendFromEvents(org.orgId, { ...range(), filters: { team: "" }, groupBy: "endUser" }),
    ).toEqual([{ value: "u1", hour: 0, pico: 5_000_000_000n }]);
    expect(await queryScopedSpendFromEvents(org.orgId, { ...range(), filters: { apiKeyId: "other" } })).toEqual([]);
    expect(
      await queryScopedSpendFromEvents(org.orgId, {
        from: new Date(h0 + H),
        to: new Date(h0 + 2 * H),
        filters: {},
        groupBy: "team",
        hourly: true,
      }),
    ).toEqual([{ value: "b", hour: h0 + H, pico: 5_000_000_000n }]);
  });

  it("answers what scoped spend answers once the organisation keeps it", async () => {
    await trackScopedSpend(org.orgId);
    await foldDeltas(org.orgId);
    for (const q of [
      { filters: {}, groupBy: "endUser" as const, hourly: true },
      { filters: { endUser: "u1" }, groupBy: "team" as const },
      { filters: { team: "a" }, groupBy: "apiKeyId" as const },
    ])
      expect(await queryScopedSpendFromEvents(org.orgId, { ...range(), ...q })).toEqual(
        await queryScopedSpend(org.orgId, { ...range(), ...q }),
      );
  });
});

describe("foldWatermark", () => {
  it("is the oldest delta still waiting (rollup or scoped), else now", async () => {
    const org = await newOrg("watermark");
    const before = Date.now();
    const idle = await foldWatermark(org.orgId);
    expect(idle.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(idle.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    await trackScopedSpend(org.orgId);
    await ingestBatch(org.orgId, [ev(0, { endUser: "u1" })], {});
    const set = (table: string, at: string) =>
      pgPool().query(`UPDATE ${table} SET "createdAt" = $2 WHERE "orgId" = $1`, [org.orgId, at]);
    await set("rollup_deltas", "2026-01-02T00:00:00Z");
    await set("scoped_spend_deltas", "2026-01-03T00:00:00Z");
    expect((await foldWatermark(org.orgId)).toISOString()).toBe("2026-01-02T00:00:00.000Z");
    await set("scoped_spend_deltas", "2026-01-01T00:00:00Z");
    expect((await foldWatermark(org.orgId)).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    // Another organisation's older delta is not this one's watermark.
    const other = await newOrg("watermark-other");
    await ingestBatch(other.orgId, [ev(0)], {});
    await pgPool().query(`UPDATE rollup_deltas SET "createdAt" = '2025-01-01T00:00:00Z' WHERE "orgId" = $1`, [
      other.orgId,
    ]);
    expect((await foldWatermark(org.orgId)).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    await foldDeltas(org.orgId);
    expect((await foldWatermark(org.orgId)).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});
