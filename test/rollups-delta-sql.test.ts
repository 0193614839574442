// The delta statements' SQL (lib/rollups bucket-sql, scoped-spend-sql), run here at test time
// over an organisation's stored events: with sign +1 they add the events' sums to their buckets
// (ingest, the scoped-spend backfill), with -1 they take them out (re-pricing takes a row out at its
// old price). Compared with the independent oracle (support/rollup-oracle), bucket by bucket.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { insertDeltasFromSql } from "@/lib/rollups/bucket-sql";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { insertScopedDeltasFromSql } from "@/lib/rollups/scoped-spend-sql";
import { trackScopedSpend } from "@/lib/rollups/track-scoped-spend";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { bucketsFromEvents, bucketsFromRollups, scopedFromEvents, scopedFromTable } from "./support/rollup-oracle";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const H = 3_600_000;
const base = Math.floor(Date.now() / H) * H - 30 * H;
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;
const event = (i: number) => ({
  eventId: `d-${i}-${randomUUID()}`,
  timestamp: new Date(base + (i % 5) * H + (i % 60) * 60_000).toISOString(),
  ...pick(
    [
      { provider: "openai", model: "gpt-4o-2024-08-06" },
      { provider: "anthropic", model: "claude-3-5-haiku-20241022" },
      { provider: "self-hosted", model: "house-llm" },
    ],
    i,
  ),
  inputTokens: 100 + i,
  outputTokens: 10 + i,
  cachedInputTokens: i % 2 ? 20 : 0,
  serviceTier: pick(["standard", "batch"], i),
  // Each dimension on its own cycle, so that buckets differ in every one of them.
  team: pick(["a", undefined], Math.floor(i / 2)),
  feature: pick(["f", "g", undefined], Math.floor(i / 3)),
  customer: pick([undefined, "c"], Math.floor(i / 7)),
  environment: pick(["prod", undefined, "dev"], Math.floor(i / 11)),
  endUser: pick(["u1", undefined, "u2", "u3"], Math.floor(i / 4)),
  status: i % 5 === 0 ? ("error" as const) : ("success" as const),
});

/** Runs the delta statements over the organisation's events, with `sign`, then folds. */
async function applyDeltas(orgId: string, sign: 1 | -1) {
  const events = `WITH events AS (SELECT * FROM usage_events WHERE "orgId" = $1)`;
  await pgPool().query(`${events} ${insertDeltasFromSql("events", "$1", sign)}`, [orgId]);
  await pgPool().query(`${events} ${insertScopedDeltasFromSql("events", "$1", sign)}`, [orgId]);
  await foldDeltas(orgId);
}

async function expectRollupsEqualOracle(orgId: string) {
  for (const period of ["hour", "day"] as const)
    expect(await bucketsFromRollups(orgId, period), period).toEqual(await bucketsFromEvents(orgId, period));
  expect(await scopedFromTable(orgId)).toEqual(await scopedFromEvents(orgId));
}

describe("delta SQL", () => {
  it("sign -1 takes every bucket's sums out, sign +1 puts them back: all dimensions and measures", async () => {
    const org = await newOrg("delta-sql");
    await ingestBatch(
      org.orgId,
      Array.from({ length: 60 }, (_, i) => event(i)),
      {},
      { apiKeyId: "k1" },
    );
    await trackScopedSpend(org.orgId);
    await foldDeltas(org.orgId);
    await expectRollupsEqualOracle(org.orgId);
    expect((await bucketsFromEvents(org.orgId, "hour")).size).toBeGreaterThan(20);
    expect((await scopedFromEvents(org.orgId)).size).toBeGreaterThan(10);

    await applyDeltas(org.orgId, -1);
    expect((await bucketsFromRollups(org.orgId, "hour")).size).toBe(0); // every bucket back to zero events
    expect((await bucketsFromRollups(org.orgId, "day")).size).toBe(0);
    expect((await scopedFromTable(org.orgId)).size).toBe(0);
    const { rows } = await pgPool().query(
      `SELECT count(*)::int AS n FROM spend_rollups WHERE "orgId" = $1 AND ("costPico" <> 0 OR "inputTokens" <> 0 OR requests <> 0)`,
      [org.orgId],
    );
    expect(rows[0].n).toBe(0);

    await applyDeltas(org.orgId, 1);
    await expectRollupsEqualOracle(org.orgId);
  });

  it("writes no scoped deltas for an organisation that does not keep scoped spend", async () => {
    const org = await newOrg("delta-sql-unscoped");
    await ingestBatch(org.orgId, [event(1), event(2)], {}, { apiKeyId: "k1" });
    const events = `WITH events AS (SELECT * FROM usage_events WHERE "orgId" = $1)`;
    const r = await pgPool().query(`${events} ${insertScopedDeltasFromSql("events", "$1", 1)}`, [org.orgId]);
    expect(r.rowCount).toBe(0);
  });
});
