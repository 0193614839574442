import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { trackScopedSpend } from "@/lib/rollups/track-scoped-spend";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { bucketsFromEvents, bucketsFromRollups, scopedFromEvents, scopedFromTable } from "./support/rollup-oracle";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const HOUR = 3_600_000;
const base = Math.floor(Date.now() / HOUR) * HOUR - 30 * HOUR;
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length];

// Every dimension varies on its own cycle (co-prime lengths), including missing values, an unpriced
// model and a priced model sent by its dated name (bucketed under its catalog name).
function event(i: number, hourOffset = i % 5) {
  const [provider, model] = pick(
    [
      ["openai", "gpt-4o-2024-08-06"],
      ["openai", "gpt-4o"],
      ["anthropic", "claude-3-5-haiku-20241022"],
      ["self-hosted", "house-llm"],
    ] as const,
    i,
  )!;
  return {
    eventId: `oracle-${i}-${randomUUID()}`,
    timestamp: new Date(base + hourOffset * HOUR + ((i * 7) % 60) * 60_000).toISOString(),
    provider,
    model,
    inputTokens: 100 + i,
    outputTokens: 10 + (i % 13),
    cachedInputTokens: i % 3 === 0 ? 50 : 0,
    cacheWriteTokens: i % 4 === 0 ? 20 : 0,
    reasoningTokens: i % 6 === 0 ? 5 : 0,
    requests: 1 + (i % 2),
    serviceTier: pick(["standard", "batch", "priority"] as const, i),
    team: pick(["search", "support", undefined], i),
    feature: pick(["chat", "summarise", "rank", undefined, "embed"], i),
    customer: pick(["c1", "c2", undefined, "c3", "c4", "c5", "c6"], i),
    environment: pick(["prod", "staging", undefined], i + 1),
    endUser: pick(["u1", "u2", undefined, "u3"], i + 2),
    status: i % 9 === 0 ? ("error" as const) : ("success" as const),
  };
}

async function expectOracleAgrees(orgId: string) {
  for (const period of ["hour", "day"] as const) {
    const expected = await bucketsFromEvents(orgId, period);
    const actual = await bucketsFromRollups(orgId, period);
    expect(expected.size).toBeGreaterThan(period === "hour" ? 50 : 1);
    // Bucket by bucket: every key on both sides, every measure equal.
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, sums] of expected) expect(actual.get(key), `${period} ${key}`).toEqual(sums);
  }
}

describe("rollups against an independent oracle", () => {
  it("every hourly and daily bucket equals plain sums of its raw events, after a fold and after a second fold into the same buckets", async () => {
    const org = await newOrg("oracle");
    const first = Array.from({ length: 400 }, (_, i) => event(i));
    await ingestBatch(org.orgId, first, {});
    await foldDeltas(org.orgId);
    await expectOracleAgrees(org.orgId);

    // More events into the same buckets (same hours, same dimension cycles), then fold again: the
    // "add to an existing bucket" path.
    const before = await bucketsFromRollups(org.orgId, "hour");
    await ingestBatch(
      org.orgId,
      Array.from({ length: 400 }, (_, i) => event(i)),
      {},
    );
    await foldDeltas(org.orgId);
    const after = await bucketsFromRollups(org.orgId, "hour");
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort()); // no new bucket: all were added to
    await expectOracleAgrees(org.orgId);
  });

  it("scoped spend (end user, API key) equals plain sums of the raw events, across a backfill and later folds", async () => {
    const org = await newOrg("oracle-scoped");
    await ingestBatch(
      org.orgId,
      Array.from({ length: 120 }, (_, i) => event(i)),
      {},
      { apiKeyId: "key-a" },
    );
    await trackScopedSpend(org.orgId); // backfills the events so far
    await foldDeltas(org.orgId);
    await ingestBatch(
      org.orgId,
      Array.from({ length: 120 }, (_, i) => event(i)),
      {},
      { apiKeyId: "key-b" },
    );
    await ingestBatch(
      org.orgId,
      Array.from({ length: 60 }, (_, i) => event(i)),
      {},
      { apiKeyId: "key-a" },
    );
    await foldDeltas(org.orgId); // key-a's buckets exist: this fold adds to them
    const expected = await scopedFromEvents(org.orgId);
    const actual = await scopedFromTable(org.orgId);
    expect(expected.size).toBeGreaterThan(50);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, cost] of expected) expect(actual.get(key), key).toBe(cost);
    const { rows } = await pgPool().query(
      `SELECT count(DISTINCT "endUser")::int AS n FROM scoped_spend WHERE "orgId" = $1`,
      [org.orgId],
    );
    expect(rows[0].n).toBe(4); // u1, u2, u3 and none
    const keys = await pgPool().query(`SELECT DISTINCT "apiKeyId" FROM scoped_spend WHERE "orgId" = $1 ORDER BY 1`, [
      org.orgId,
    ]);
    expect(keys.rows.map((r) => r.apiKeyId)).toEqual(["key-a", "key-b"]);
  });
});
