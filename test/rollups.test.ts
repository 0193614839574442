import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { createOverride } from "@/lib/pricing/overrides/create-override";
import { runReprice } from "@/lib/pricing/reprice/run-reprice";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { pendingDeltas, rollupMismatches } from "./support/rollup-check";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const event = (i: number, over: Record<string, unknown> = {}) => ({
  eventId: `r-${i}-${randomUUID()}`,
  timestamp: new Date(Date.now() - (i % 72) * 3_600_000 - (i % 7) * 60_000).toISOString(),
  provider: i % 3 === 0 ? "anthropic" : "openai",
  model: i % 3 === 0 ? "claude-3-5-haiku-20241022" : i % 3 === 1 ? "gpt-4o-mini" : "gpt-4o",
  inputTokens: 100 + (i % 900),
  outputTokens: 10 + (i % 300),
  team: ["search", "support", undefined][i % 3],
  customer: `cust-${i % 5}`,
  status: i % 11 === 0 ? "error" : "success",
  ...over,
});

describe("rollups", () => {
  it("equal the raw events after concurrent folds, late events and duplicate batches", async () => {
    const org = await newOrg("rollups");
    const events = Array.from({ length: 3000 }, (_, i) => event(i));
    // Batches from two API keys and one without (the hourly spend per key must be exact too).
    const keyOf = (i: number) => [null, "key-a", "key-b"][(i / 500) % 3] ?? null;
    for (let i = 0; i < events.length; i += 500)
      await ingestBatch(org.orgId, events.slice(i, i + 500), {}, { apiKeyId: keyOf(i) });
    await ingestBatch(org.orgId, events.slice(0, 500), {}, { apiKeyId: keyOf(0) }); // a retried batch
    await ingestBatch(org.orgId, events.slice(500, 1000), {}, { apiKeyId: "key-b" }); // retried through another key
    await ingestBatch(
      org.orgId,
      [event(9999, { timestamp: new Date(Date.now() - 20 * 86_400_000).toISOString() })],
      {},
    ); // late
    expect(await pendingDeltas(org.orgId)).toBeGreaterThan(0);
    const folded = await Promise.all([foldDeltas(org.orgId), foldDeltas(org.orgId), foldDeltas(org.orgId)]);
    expect(folded.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await pendingDeltas(org.orgId)).toBe(0);
    expect(await rollupMismatches(org.orgId)).toEqual([]);
    const { rows } = await pgPool().query(`SELECT sum(events)::int AS n FROM spend_rollups WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    expect(rows[0].n).toBe(3001);
  });

  it("detects a bucket that is off (the check can fail)", async () => {
    const org = await newOrg("rollups-off");
    await ingestBatch(org.orgId, [event(1)], {});
    await foldDeltas(org.orgId);
    await pgPool().query(`UPDATE spend_rollups SET "costPico" = "costPico" + 1 WHERE "orgId" = $1`, [org.orgId]);
    expect(await rollupMismatches(org.orgId)).toHaveLength(2); // the hourly bucket, both ways; the daily one is intact
  });

  it("follow re-pricing: unpriced events move into their priced bucket", async () => {
    const org = await newOrg("rollups-reprice");
    await ingestBatch(
      org.orgId,
      Array.from({ length: 50 }, (_, i) => event(i, { provider: "self-hosted", model: "house-llm" })),
      {},
    );
    await foldDeltas(org.orgId);
    const { repriceJob } = await createOverride(org, {
      kind: "CUSTOM_PRICE",
      provider: "self-hosted",
      model: "house-llm",
      prices: { input: "1", output: "2" },
    });
    await runReprice(repriceJob.id);
    expect(await pendingDeltas(org.orgId)).toBe(0);
    expect(await rollupMismatches(org.orgId)).toEqual([]);
    const { rows } = await pgPool().query(
      `SELECT sum("unpricedEvents")::int AS u, sum("costPico") > 0 AS c FROM spend_rollups WHERE "orgId" = $1`,
      [org.orgId],
    );
    expect(rows[0]).toEqual({ u: 0, c: true });
  });
});
