import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { applyDiscount, computeCost } from "@/lib/pricing/compute-cost";
import { loadPriceBook } from "@/lib/pricing/load-price-book";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

const MODELS = [
  ["openai", "gpt-4o-2024-08-06"],
  ["openai", "gpt-4o-mini"],
  ["anthropic", "claude-sonnet-4-5-20250929"],
  ["anthropic", "claude-3-5-haiku-20241022"],
  ["google", "gemini-2.5-pro"],
  ["deepseek", "deepseek-chat"],
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
  it("per-event costs and the bulk-ingested sum agree to the pico-dollar over 5,000 events", async () => {
    const org = await newOrg("exact");
    const rand = rng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const now = Date.now();
    const events = Array.from({ length: 5000 }, (_, i) => {
      const [provider, model] = pick(MODELS);
      return {
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

    const book = await loadPriceBook(org.orgId);
    let expected = 0n;
    let floatSum = 0;
    for (const e of events) {
      const r = book.resolve(e.model, e.provider, new Date(e.timestamp));
      expect(r, `${e.provider}/${e.model} must be priced`).not.toBeNull();
      const usage = { requests: 1, images: 0, audioSeconds: 0, ...e };
      const cost = applyDiscount(computeCost(r!.price, usage), r!.percentOff);
      expected += cost;
      floatSum += Number(cost) / 1e12;
    }

    for (let i = 0; i < events.length; i += 1000) {
      const res = await ingestBatch(org.orgId, events.slice(i, i + 1000), {});
      expect(res.rejected).toEqual([]);
      expect(res.accepted).toBe(1000);
    }
    const { rows } = await pgPool().query<{ total: string; n: string }>(
      `SELECT sum("costPico")::text AS total, count(*)::text AS n FROM usage_events WHERE "orgId" = $1`,
      [org.orgId],
    );
    expect(rows[0]!.n).toBe("5000");
    expect(BigInt(rows[0]!.total)).toBe(expected);
    // The same sum in binary floating point drifts off the exact figure: why money is never a float here.
    expect(floatSum.toFixed(12)).not.toBe((Number(expected / 1000n) / 1e9).toFixed(12));
  });
});
