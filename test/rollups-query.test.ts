import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { queryScopedSpend } from "@/lib/rollups/query-scoped-spend";
import { querySpend } from "@/lib/rollups/query-spend";
import { spendQuerySchema } from "@/lib/rollups/spend-query";
import { trackScopedSpend } from "@/lib/rollups/track-scoped-spend";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const H = 3_600_000;
const h0 = Math.floor(Date.now() / H) * H - 5 * H; // a whole UTC hour, 5 hours ago
// gpt-4o: $2.50/M input → 1000 input tokens = 2.5e9 pico = $0.0025 (hand-worked)
const ev = (id: string, hour: number, over: Record<string, unknown>) => ({
  eventId: id,
  timestamp: new Date(h0 + hour * H + 60_000).toISOString(),
  provider: "openai",
  model: "gpt-4o",
  inputTokens: 1000,
  outputTokens: 0,
  ...over,
});

describe("spend queries over known buckets", () => {
  let org: Awaited<ReturnType<typeof newOrg>>;
  beforeAll(async () => {
    org = await newOrg("rq");
    await trackScopedSpend(org.orgId);
    await ingestBatch(
      org.orgId,
      [
        ev("1", 0, { team: "a", endUser: "u1" }),
        ev("2", 0, { team: "a", endUser: "u2", inputTokens: 3000 }),
        ev("3", 1, { team: "b", endUser: "u1", customer: "c1" }),
        ev("4", 2, { endUser: "u1", inputTokens: 2000 }),
      ],
      {},
      { apiKeyId: "k1" },
    );
    await foldDeltas(org.orgId);
  });
  const q = (params: Record<string, unknown>) =>
    querySpend(
      org,
      spendQuerySchema.parse({ from: new Date(h0).toISOString(), to: new Date(h0 + 3 * H).toISOString(), ...params }),
    );

  it("groups and sorts by cost, most expensive first, with exact totals", async () => {
    const r = await q({ groupBy: "team" });
    expect(r.series.map((s) => [s.key.team, s.total.cost, s.total.events])).toEqual([
      ["a", "0.01", 2],
      ["", "0.005", 1],
      ["b", "0.0025", 1],
    ]);
    expect(r.total).toMatchObject({ cost: "0.0175", events: 4, inputTokens: 7000 });
    // The answer restates the query it answers.
    expect(r).toMatchObject({
      currency: "USD",
      from: new Date(h0).toISOString(),
      to: new Date(h0 + 3 * H).toISOString(),
      granularity: "day",
      groupBy: ["team"],
      filters: {},
    });
    expect((await q({ team: "(none)", granularity: "week" })).filters).toEqual({ team: [""] });
  });

  it("filters, (none) included, and groups by two dimensions", async () => {
    expect((await q({ team: "(none)" })).total.cost).toBe("0.005");
    expect((await q({ team: ["a", "b"] })).total.cost).toBe("0.0125");
    const two = await q({ groupBy: "team,customer", team: "b" });
    expect(two.series.map((s) => s.key)).toEqual([{ team: "b", customer: "c1" }]);
  });

  it("gives one point per hour at hour granularity, and nothing outside the range", async () => {
    const r = await q({ granularity: "hour" });
    expect(r.series[0]!.points.map((p) => [p.t, p.cost])).toEqual([
      [new Date(h0).toISOString(), "0.01"],
      [new Date(h0 + H).toISOString(), "0.0025"],
      [new Date(h0 + 2 * H).toISOString(), "0.005"],
    ]);
    const narrow = await querySpend(
      org,
      spendQuerySchema.parse({
        from: new Date(h0 + H).toISOString(),
        to: new Date(h0 + 2 * H).toISOString(),
        granularity: "hour",
      }),
    );
    expect(narrow.total.cost).toBe("0.0025");
  });

  it("scoped spend by end user, per hour, filtered by key and team", async () => {
    const range = { from: new Date(h0), to: new Date(h0 + 3 * H) };
    expect(await queryScopedSpend(org.orgId, { ...range, filters: {}, groupBy: "endUser" })).toEqual([
      { value: "u1", hour: 0, pico: 10_000_000_000n },
      { value: "u2", hour: 0, pico: 7_500_000_000n },
    ]);
    expect(await queryScopedSpend(org.orgId, { ...range, filters: { endUser: "u1" }, hourly: true })).toEqual([
      { value: "", hour: h0, pico: 2_500_000_000n },
      { value: "", hour: h0 + H, pico: 2_500_000_000n },
      { value: "", hour: h0 + 2 * H, pico: 5_000_000_000n },
    ]);
    expect(await queryScopedSpend(org.orgId, { ...range, filters: { apiKeyId: "k1", team: "a" } })).toEqual([
      { value: "", hour: 0, pico: 10_000_000_000n },
    ]);
    expect(await queryScopedSpend(org.orgId, { ...range, filters: { apiKeyId: "other" } })).toEqual([]);
    expect(
      await queryScopedSpend(org.orgId, {
        from: new Date(h0 + H),
        to: new Date(h0 + 2 * H),
        filters: {},
        groupBy: "team",
      }),
    ).toEqual([{ value: "b", hour: 0, pico: 2_500_000_000n }]);
  });
});
