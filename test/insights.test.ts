// Savings insights on seeded usage (real Postgres), each expected amount worked out by hand from the
// catalog's list prices (USD per 1M tokens): gpt-4o 2.50 in / 10.00 out / 1.25 cached, batch ×0.5;
// gpt-4o-mini 0.15 / 0.60 / 0.075; claude-haiku-4-5 1.00 / 5.00 / 0.10 cached.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { updateInsightSettings } from "@/lib/insights/insight-settings";
import { listInsights } from "@/lib/insights/list-insights";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const DAY = 86_400_000;
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const at = (daysAgo: number, minute = 0) => new Date(NOW.getTime() - daysAgo * DAY + minute * 60_000).toISOString();
const event = (fields: Record<string, unknown>) => ({ eventId: randomUUID(), provider: "openai", ...fields });

/** One group of usage per insight, each built to trigger that insight and no other. */
function seeded() {
  const events: Record<string, unknown>[] = [];
  // Prompt caching: rag on gpt-4o-mini, 10 × 50,000 uncached input tokens (nothing cached), 500 out.
  for (let i = 0; i < 10; i++)
    events.push(
      event({ timestamp: at(3, i), model: "gpt-4o-mini", feature: "rag", inputTokens: 50_000, outputTokens: 500 }),
    );
  // Batch: nightly-report on gpt-4o, marked not interactive, 4 × (800 in, 1,000 out).
  for (let i = 0; i < 4; i++)
    events.push(
      event({
        timestamp: at(4, i),
        model: "gpt-4o",
        feature: "nightly-report",
        inputTokens: 800,
        outputTokens: 1000,
        tags: { interactive: "false" },
      }),
    );
  // Smaller model: classify on gpt-4o, 5 × (600 in, 50 out).
  for (let i = 0; i < 5; i++)
    events.push(
      event({ timestamp: at(5, i), model: "gpt-4o", feature: "classify", inputTokens: 600, outputTokens: 50 }),
    );
  // Waste: agent on gpt-4o-mini, 1,000 in / 100 out each: r1 fails then succeeds, r2 succeeds, a failure
  // without requestId, r3 sent twice (both succeed). Waste: r1's failure, the failure, r3's first attempt.
  const agent = (minute: number, extra: Record<string, unknown>) =>
    event({
      timestamp: at(6, minute),
      model: "gpt-4o-mini",
      feature: "agent",
      inputTokens: 1000,
      outputTokens: 100,
      ...extra,
    });
  events.push(
    agent(0, { requestId: "r1", status: "error" }),
    agent(1, { requestId: "r1" }),
    agent(2, { requestId: "r2" }),
    agent(3, { status: "error" }),
    agent(4, { requestId: "r3" }),
    agent(5, { requestId: "r3" }),
  );
  // Conversation depth: chat on claude-haiku-4-5, 20 requests of 400 + 400 cached 20 days ago, 20 of
  // 600 + 600 cached 5 days ago (prompts +50%), 20 out.
  for (let i = 0; i < 20; i++) {
    events.push(
      event({
        timestamp: at(20, i),
        provider: "anthropic",
        model: "claude-haiku-4-5",
        feature: "chat",
        inputTokens: 400,
        cachedInputTokens: 400,
        outputTokens: 20,
      }),
      event({
        timestamp: at(5, i),
        provider: "anthropic",
        model: "claude-haiku-4-5",
        feature: "chat",
        inputTokens: 600,
        cachedInputTokens: 600,
        outputTokens: 20,
      }),
    );
  }
  return events;
}

describe("savings insights", () => {
  it("estimates each saving of a known usage exactly, largest first, and reads no other organisation", async () => {
    const a = await newOrg("savings-a");
    const b = await newOrg("savings-b");
    const accepted = await ingestBatch(a.orgId, seeded(), {}, { now: NOW });
    expect(accepted.rejected).toEqual([]);
    expect(accepted.accepted).toBe(65);
    // Org B: a large caching candidate of its own, which must not show in A's insights.
    await ingestBatch(
      b.orgId,
      [event({ timestamp: at(2), model: "gpt-4o", feature: "b-secret", inputTokens: 9_000_000, outputTokens: 900 })],
      {},
      { now: NOW },
    );

    const { insights } = await listInsights(a, NOW);
    const summary = insights.map((i) => [i.kind, i.features, i.models, i.monthlySavings.low, i.monthlySavings.high]);
    expect(summary).toEqual([
      // nightly-report: 4 × (800 × 2.50 + 1,000 × 10.00) / 1M = $0.048 standard, $0.024 at batch (×0.5):
      // saves $0.024; low end 80% of it.
      ["batch_tier", ["nightly-report"], ["gpt-4o"], "0.0192", "0.024"],
      // rag: 500,000 uncached input; 30% / 60% of it read from the cache at 0.075 instead of 0.15 per 1M:
      // 150,000 × 0.075 / 1M = $0.01125, 300,000 × 0.075 / 1M = $0.0225.
      ["prompt_caching", ["rag"], ["gpt-4o-mini"], "0.01125", "0.0225"],
      // classify: 5 × (600 × 2.50 + 50 × 10.00) / 1M = $0.01 on gpt-4o; 5 × (600 × 0.15 + 50 × 0.60) / 1M =
      // $0.0006 on gpt-4o-mini: $0.0094 for all calls, half of it at the low end.
      ["cheaper_model", ["classify"], ["gpt-4o", "gpt-4o-mini"], "0.0047", "0.0094"],
      // chat: last 15 days' input 12,000 × 1.00 + 12,000 cached × 0.10 per 1M = $0.0132; prompts grew from 800
      // to 1,200 per request, a third of it growth: $0.0044 in 15 days, $0.0088 a month; low end half.
      ["conversation_depth", ["chat"], ["claude-haiku-4-5"], "0.0044", "0.0088"],
      // agent: 3 wasted calls × (1,000 × 0.15 + 100 × 0.60) / 1M = 3 × $0.00021 = $0.00063; low end half.
      ["retry_waste", ["agent"], ["gpt-4o-mini"], "0.000315", "0.00063"],
    ]);
    const cheaper = insights.find((i) => i.kind === "cheaper_model")!;
    expect(cheaper.estimate).toBe(true);
    expect(insights.filter((i) => i.estimate)).toHaveLength(1);
    for (const i of insights) {
      expect(i.assumption.length).toBeGreaterThan(40);
      expect(i.evidence.length).toBeGreaterThan(0);
    }
    expect(insights.find((i) => i.kind === "retry_waste")!.evidence[0]).toBe(
      "2 calls with status error, 1 attempts repeated by a later call of the same requestId",
    );
    expect(JSON.stringify(insights)).not.toContain("b-secret");

    // Org B sees its own, and nothing of A's.
    const ofB = await listInsights(b, NOW);
    expect(ofB.insights.map((i) => [i.kind, i.features])).toEqual([["prompt_caching", ["b-secret"]]]);
  });

  it("a feature marked as not interactive in the settings gets the batch tier, in its organisation only", async () => {
    const a = await newOrg("savings-marked-a");
    const b = await newOrg("savings-marked-b");
    // weekly-digest on gpt-4o, 4 × (800 in, 1,000 out): fast, untagged, so nothing suggests it can wait.
    const digest = () =>
      Array.from({ length: 4 }, (_, i) =>
        event({ timestamp: at(4, i), model: "gpt-4o", feature: "weekly-digest", inputTokens: 800, outputTokens: 1000 }),
      );
    for (const org of [a, b]) expect((await ingestBatch(org.orgId, digest(), {}, { now: NOW })).accepted).toBe(4);
    expect((await listInsights(a, NOW)).insights).toEqual([]);

    // Trimmed and kept once; another organisation's list is its own.
    expect(
      await updateInsightSettings(a, { nonInteractiveFeatures: [" weekly-digest ", "weekly-digest", "x"] }),
    ).toEqual({ nonInteractiveFeatures: ["weekly-digest", "x"] });
    const { insights } = await listInsights(a, NOW);
    // 4 × (800 × 2.50 + 1,000 × 10.00) / 1M = $0.048 standard, $0.024 at batch: saves $0.024, low end 80%.
    expect(insights.map((i) => [i.kind, i.features, i.monthlySavings.low, i.monthlySavings.high])).toEqual([
      ["batch_tier", ["weekly-digest"], "0.0192", "0.024"],
    ]);
    expect(insights[0]!.evidence[0]).toBe(
      "weekly-digest is marked as not interactive in the organisation's insight settings",
    );
    expect((await listInsights(b, NOW)).insights).toEqual([]);

    // An empty name is refused naming the field.
    await expect(updateInsightSettings(a, { nonInteractiveFeatures: ["  "] })).rejects.toMatchObject({
      issues: [{ path: "nonInteractiveFeatures[0]" }],
    });
    expect(await updateInsightSettings(a, { nonInteractiveFeatures: [] })).toEqual({ nonInteractiveFeatures: [] });
    expect((await listInsights(a, NOW)).insights).toEqual([]);
  });

  it("finds nothing in an organisation without usage", async () => {
    const empty = await newOrg("savings-empty");
    expect((await listInsights(empty, NOW)).insights).toEqual([]);
  });
});
