import { describe, expect, it } from "vitest";
import { PriceBook } from "@/lib/pricing/price-book";
import { modelPrice, P } from "@/lib/pricing/test-prices";
import { BACKFILL_DAYS, FUTURE_TOLERANCE_MS, type PrepareOptions, prepareEvents } from "./prepare-events";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const book = () =>
  new PriceBook([modelPrice({ ...P, perRequest: 1_000n }, { provider: "acme", model: "m1", aliases: ["m1-2026"] })]);
const opts = (over: Partial<PrepareOptions> = {}): PrepareOptions => ({
  now: NOW,
  allowBackfill: false,
  defaults: {},
  book: book(),
  ...over,
});
const ev = (over: Record<string, unknown> = {}) => ({
  eventId: "e1",
  timestamp: NOW.toISOString(),
  provider: "acme",
  model: "m1-2026",
  inputTokens: 1000,
  outputTokens: 100,
  ...over,
});
const one = (e: unknown, o = opts()) => prepareEvents([e], o);

describe("prepareEvents", () => {
  it("fills every default and prices the event (hand-worked: 1000 × 2e6 + 100 × 8e6 + 1 request × 1000)", () => {
    const { rows, rejected } = one(ev());
    expect(rejected).toEqual([]);
    expect(rows).toEqual([
      {
        eventId: "e1",
        timestamp: NOW,
        provider: "acme",
        model: "m1-2026",
        pricedModel: "acme/m1",
        inputTokens: 1000,
        outputTokens: 100,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        cacheTtl: null,
        reasoningTokens: 0,
        requests: 1,
        images: 0,
        audioSeconds: 0,
        audioMillis: 0,
        serviceTier: "standard",
        team: null,
        feature: null,
        customer: null,
        environment: null,
        endUser: null,
        tags: null,
        latencyMs: null,
        status: "success",
        requestId: null,
        reservationId: null,
        costPico: 2_800_001_000n,
        reportedCostPico: null,
        costMismatch: false,
      },
    ]);
  });

  it("keeps what the event says, and the cache TTL only with cache writes", () => {
    const full = {
      cachedInputTokens: 10,
      cacheWriteTokens: 20,
      cacheTtl: "1h",
      reasoningTokens: 5,
      requests: 2,
      images: 3,
      audioSeconds: 1.5,
      serviceTier: "batch",
      team: "t",
      feature: "f",
      customer: "c",
      environment: "prod",
      endUser: "u",
      tags: { k: "v" },
      latencyMs: 12,
      status: "error",
      requestId: "req",
    };
    const [row] = one(ev(full)).rows;
    expect(row).toMatchObject({ ...full, audioMillis: 1500, cacheTtl: "1h" });
    expect(one(ev({ cacheTtl: "1h" })).rows[0]!.cacheTtl).toBeNull();
    expect(one(ev({ cacheWriteTokens: 1 })).rows[0]!.cacheTtl).toBe("5m");
  });

  it("takes missing attribution from the key's defaults, never over the event's own", () => {
    const defaults = { team: "dt", feature: "df", customer: "dc", environment: "de" };
    expect(one(ev(), opts({ defaults })).rows[0]).toMatchObject(defaults);
    const own = { team: "t", feature: "f", customer: "c", environment: "e" };
    expect(one(ev(own), opts({ defaults })).rows[0]).toMatchObject(own);
  });

  it("an unknown model is stored unpriced", () => {
    expect(one(ev({ model: "mystery" })).rows[0]).toMatchObject({ pricedModel: null, costPico: null });
  });

  it("keeps the caller's cost and flags more than 1% off", () => {
    // Burnrate's cost: 2_800_001_000 pico = $0.002800001
    expect(one(ev({ cost: "0.002800001" })).rows[0]).toMatchObject({
      reportedCostPico: 2_800_001_000n,
      costMismatch: false,
    });
    expect(one(ev({ cost: 0.0029 })).rows[0]).toMatchObject({ reportedCostPico: 2_900_000_000n, costMismatch: true });
  });

  it("refuses timestamps more than 5 minutes ahead, and older than 35 days without backfill", () => {
    const at = (ms: number) => ev({ timestamp: new Date(ms).toISOString() });
    const ahead = NOW.getTime() + FUTURE_TOLERANCE_MS;
    const old = NOW.getTime() - BACKFILL_DAYS * 86_400_000;
    expect(FUTURE_TOLERANCE_MS).toBe(300_000);
    expect(BACKFILL_DAYS).toBe(35);
    expect(one(at(ahead)).rows).toHaveLength(1);
    expect(one(at(ahead + 1)).rejected).toEqual([
      {
        index: 0,
        eventId: "e1",
        issues: [{ path: "events[0].timestamp", message: "must not be more than 5 minutes in the future" }],
      },
    ]);
    expect(one(at(old)).rows).toHaveLength(1);
    expect(one(at(old - 1)).rejected[0]!.issues[0]!.message).toBe(
      "must not be older than 35 days (this organisation does not allow backfill)",
    );
    expect(one(at(old - 1), opts({ allowBackfill: true })).rows).toHaveLength(1);
    expect(one(at(ahead + 1), opts({ allowBackfill: true })).rows).toHaveLength(0);
  });

  it("reports each invalid event by index and eventId, keeps the valid ones", () => {
    const { rows, rejected } = prepareEvents(
      [ev({ eventId: "ok1" }), ev({ eventId: "bad", inputTokens: -1 }), { eventId: 7 }, null, ev({ eventId: "ok2" })],
      opts(),
    );
    expect(rows.map((r) => r.eventId)).toEqual(["ok1", "ok2"]);
    expect(rejected.map((r) => [r.index, r.eventId])).toEqual([
      [1, "bad"],
      [2, null],
      [3, null],
    ]);
    expect(rejected[0]!.issues).toEqual([{ path: "events[1].inputTokens", message: "must not be negative" }]);
  });
});
