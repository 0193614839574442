import { describe, expect, it } from "vitest";
import { explainExcess, type UsageGroup } from "./explain-excess";

const PICO = 1_000_000_000_000n;
function group(
  current: boolean,
  feature: string,
  model: string,
  usd: number,
  requests: number,
  input: number,
  output: number,
  cached = 0,
): UsageGroup {
  return {
    current,
    dims: { team: "", feature, model, customer: "" },
    costPico: BigInt(usd) * PICO,
    requests: BigInt(requests),
    events: BigInt(requests),
    errorEvents: 0n,
    inputTokens: BigInt(input),
    outputTokens: BigInt(output),
    cachedInputTokens: BigInt(cached),
    cacheWriteTokens: 0n,
    reasoningTokens: 0n,
  };
}

describe("explainExcess", () => {
  // Baseline (four weeks of the same hours): summarize $80 and chat $20, both on m1, $0.001/token,
  // 100 tokens a request. The episode: summarize $40 on m1 as before but twice the requests, and chat
  // switched to m2 ($0.002/token, 500 tokens a request): $100. Expected for the episode: $25.
  const groups = [
    group(false, "summarize", "m1", 80, 800, 60_000, 20_000),
    group(false, "chat", "m1", 20, 200, 15_000, 5_000),
    group(true, "summarize", "m1", 40, 400, 30_000, 10_000),
    group(true, "chat", "m2", 100, 100, 40_000, 10_000),
  ];
  const rc = explainExcess(groups, 25n * PICO);

  it("ranks the excess by dollars, pairs of dimensions with single ones", () => {
    // Expected spread by the baseline mix: summarize 80/100 of $25 = $20, chat $5; m1 $25, m2 $0.
    expect(rc.excess).toBe("115");
    expect(rc.contributors.slice(0, 4)).toEqual([
      { dims: { feature: "chat", model: "m2" }, actual: "100", expected: "0", excess: "100" },
      { dims: { model: "m2" }, actual: "100", expected: "0", excess: "100" },
      { dims: { feature: "chat" }, actual: "100", expected: "5", excess: "95" },
      { dims: { feature: "summarize", model: "m1" }, actual: "40", expected: "20", excess: "20" },
    ]);
    expect(rc.byDimension.model).toEqual([
      { dims: { model: "m2" }, actual: "100", expected: "0", excess: "100" },
      { dims: { model: "m1" }, actual: "40", expected: "25", excess: "15" },
    ]);
  });

  it("ranks a cost-only dimension (API keys) with the others; spend without a key is no contributor", () => {
    // The same $140 by key: k1 $60 of the $100 baseline and $130 now, no key $40 then $10. Expected by
    // the baseline mix: k1 60/100 of $25 = $15, no key $10.
    const keys = [
      { current: false, value: "k1", costPico: 60n * PICO },
      { current: false, value: "", costPico: 40n * PICO },
      { current: true, value: "k1", costPico: 130n * PICO },
      { current: true, value: "", costPico: 10n * PICO },
    ];
    const out = explainExcess(groups, 25n * PICO, [], [], [{ dimension: "apiKey", groups: keys }]);
    expect(out.byDimension.apiKey).toEqual([
      { dims: { apiKey: "k1" }, actual: "130", expected: "15", excess: "115" },
      { dims: { apiKey: "" }, actual: "10", expected: "10", excess: "0" },
    ]);
    expect(out.contributors[0]).toEqual({ dims: { apiKey: "k1" }, actual: "130", expected: "15", excess: "115" });
    expect(out.contributors.map((c) => c.dims.apiKey)).not.toContain("");
    expect(out.excess).toBe(rc.excess);
  });

  it("splits the excess into requests, tokens per request, model mix and cache, adding up exactly", () => {
    // Expected requests 1000/4 = 250, tokens 100k/4 = 25k; actual 500 requests, 90k tokens.
    // requests: $25 x (500/250 - 1) = $25; tokens/request: $25 x (90k/25k - 2) = $40;
    // model mix: 40k tokens at $0.001 + 50k at $0.002 = $140 against 90k at $0.001 = $90: $50.
    expect(rc.split).toEqual({
      requests: "25",
      tokensPerRequest: "40",
      modelMix: "50",
      cacheReadShare: "0",
      other: "0",
    });
    expect(rc.measures.requests).toEqual({ expected: 250, actual: 500 });
    expect(rc.measures.tokensPerRequest).toEqual({ expected: 100, actual: 180 });
  });

  it("flags the model switch and the growth of tokens per request", () => {
    expect(rc.flags).toContainEqual({ kind: "model_switch", from: "m1", to: "m2", shareBefore: 0, shareNow: 0.7143 });
    expect(rc.flags).toContainEqual({ kind: "tokens_per_request_growth", before: 100, now: 180 });
    expect(rc.flags.map((f) => f.kind)).not.toContain("cache_hit_fall");
  });

  it("flags a fall of the cache-read share, a new feature and rising errors", () => {
    const base = group(false, "chat", "m1", 100, 1000, 50_000, 10_000, 50_000); // 50% of input read from cache
    const now = { ...group(true, "chat", "m1", 60, 250, 25_000, 2_500, 2_500), errorEvents: 20n }; // 9%
    const fresh = group(true, "agent", "m1", 20, 10, 1_000, 100);
    const out = explainExcess([base, now, fresh], 25n * PICO);
    expect(out.flags).toContainEqual({ kind: "cache_hit_fall", before: 0.5, now: 0.0877 });
    expect(out.flags).toContainEqual({ kind: "new_feature", value: "agent", actual: "20" });
    expect(out.flags).toContainEqual({ kind: "errors_rising", before: 0, now: 0.0769 });
  });
});
