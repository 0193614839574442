import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { oracleCost } from "./support/oracle-cost";

// [provider, model as sent, its catalog entry]. Models no other test file re-prices in the shared run
// database (test/price-import.test.ts imports a new gpt-4o-mini price).
const MODELS = [
  ["openai", "gpt-4o-2024-08-06", "gpt-4o"],
  ["anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5"],
  ["anthropic", "claude-3-5-haiku-20241022", "claude-3-5-haiku"],
  ["google", "gemini-2.5-pro", "gemini-2.5-pro"],
  ["deepseek", "deepseek-chat", "deepseek-flash"],
] as const;

// Deterministic pseudo-random numbers so a failure can be replayed.
function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

describe("money is exact", () => {
  it("every ingested cost and their sum equal an independent oracle to the pico-dollar over 5,000 events", async () => {
    const org = await newOrg("exact");
    const rand = rng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const now = Date.now();
    const events = Array.from({ length: 5000 }, (_, i) => {
      const [provider, model, entry] = pick(MODELS);
      return {
        entry,
        eventId: `exact-${i}-${randomUUID()}`,
        timestamp: new Date(now - Math.floor(rand() * 20 * 86_400_000)).toISOString(),
        provider,
        model,
        inputTokens: Math.floor(rand() * (rand() < 0.05 ? 400_000 : 20_000)),
        outputTokens: Math.floor(rand() * 4_000),
        cachedInputTokens: rand() < 0.3 ? Math.floor(rand() * 50_000) : 0,
        cacheWriteTokens: rand() < 0.1 ? Math.floor(rand() * 10_000) : 0,
        cacheTtl: pick(["5m", "1h"] as const),
        reasoningTokens: rand() < 0.2 ? Math.floor(rand() * 8_000) : 0,
        serviceTier: pick(["standard", "standard", "batch", "flex", "priority"] as const),
        team: pick(["search", "support", "growth"]),
      };
    });

    // Expected per event from the independent oracle (prices.json read as decimal strings).
    const expected = new Map(events.map((e) => [e.eventId, oracleCost({ ...e, model: e.entry })]));
    const expectedTotal = [...expected.values()].reduce((a, b) => a + b, 0n);

    for (let i = 0; i < events.length; i += 1000) {
      const batch = events.slice(i, i + 1000).map(({ entry: _, ...e }) => e);
      const res = await ingestBatch(org.orgId, batch, {});
      expect(res.rejected).toEqual([]);
      expect(res.accepted).toBe(1000);
    }
    const { rows } = await pgPool().query<{ eventId: string; cost: string }>(
      `SELECT "eventId", "costPico"::text AS cost FROM usage_events WHERE "orgId" = $1`,
      [org.orgId],
    );
    expect(rows).toHaveLength(5000);
    const wrong = rows.filter((r) => BigInt(r.cost) !== expected.get(r.eventId)).slice(0, 5);
    expect(wrong.map((r) => ({ ...r, expected: String(expected.get(r.eventId)) }))).toEqual([]);
    const { rows: sum } = await pgPool().query<{ total: string }>(
      `SELECT sum("costPico")::text AS total FROM usage_events WHERE "orgId" = $1`,
      [org.orgId],
    );
    expect(BigInt(sum[0]!.total)).toBe(expectedTotal);
  });
});
