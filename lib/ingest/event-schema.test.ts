import { describe, expect, it } from "vitest";
import { MAX_BATCH, MAX_TOKENS, usageEventSchema } from "./event-schema";

const base = {
  eventId: "e1",
  timestamp: "2026-01-31T12:00:00Z",
  provider: "openai",
  model: "gpt-4o",
  inputTokens: 1,
  outputTokens: 1,
};
const issue = (over: Record<string, unknown>) => {
  const r = usageEventSchema.safeParse({ ...base, ...over });
  return r.success ? "ok" : `${r.error.issues[0]!.path.join(".")}: ${r.error.issues[0]!.message}`;
};
const x = (n: number) => "x".repeat(n);

describe("usage event schema: the edges of every field", () => {
  it("limits", () => {
    expect(MAX_TOKENS).toBe(50_000_000);
    expect(MAX_BATCH).toBe(1000);
  });

  it.each([
    [{ eventId: x(128) }, "ok"],
    [{ eventId: x(129) }, "eventId: must be at most 128 characters"],
    [{ eventId: "" }, "eventId: is required"],
    [{ eventId: "a\u0000b" }, "eventId: must not contain NUL (\\u0000) characters"],
    [{ timestamp: "2026-01-31T12:00:00+02:00" }, "ok"],
    [{ timestamp: "2026-01-31" }, "timestamp: must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z"],
    [{ provider: x(64) }, "ok"],
    [{ provider: x(65) }, "provider: Too big: expected string to have <=64 characters"],
    [{ provider: "  " }, "provider: Too small: expected string to have >=1 characters"],
    [{ model: x(200) }, "ok"],
    [{ model: x(201) }, "model: Too big: expected string to have <=200 characters"],
    [{ inputTokens: 50_000_000 }, "ok"],
    [{ inputTokens: 50_000_001 }, "inputTokens: must be at most 50000000"],
    [{ outputTokens: -1 }, "outputTokens: must not be negative"],
    [{ outputTokens: 1.5 }, "outputTokens: must be a whole number"],
    [{ cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 }, "ok"],
    [{ cacheTtl: "1h" }, "ok"],
    [{ cacheTtl: "2h" }, 'cacheTtl: Invalid option: expected one of "5m"|"1h"'],
    [{ requests: 1 }, "ok"],
    [{ requests: 0 }, "requests: Too small: expected number to be >=1"],
    [{ requests: 100_000, images: 100_000 }, "ok"],
    [{ requests: 100_001 }, "requests: Too big: expected number to be <=100000"],
    [{ images: -1 }, "images: Too small: expected number to be >=0"],
    [{ images: 100_001 }, "images: Too big: expected number to be <=100000"],
    [{ audioSeconds: 86_400 }, "ok"],
    [{ audioSeconds: 1.001 }, "ok"],
    [{ audioSeconds: 1.0005 }, "audioSeconds: at most 3 decimals"],
    [{ audioSeconds: 86_400.001 }, "audioSeconds: Too big: expected number to be <=86400"],
    [{ audioSeconds: -0.001 }, "audioSeconds: Too small: expected number to be >=0"],
    [{ serviceTier: "flex" }, "ok"],
    [{ serviceTier: "turbo" }, 'serviceTier: Invalid option: expected one of "standard"|"batch"|"flex"|"priority"'],
    [{ team: x(200) }, "ok"],
    [{ team: x(201) }, "team: must be at most 200 characters"],
    [{ feature: " " }, "feature: must not be empty"],
    [{ customer: "c", environment: "e", endUser: "u" }, "ok"],
    [{ tags: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, x(256)])) }, "ok"],
    [{ tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])) }, "tags: at most 20 tags"],
    [{ tags: { [x(65)]: "v" } }, `tags.${x(65)}: Invalid key in record`],
    [{ tags: { [x(64)]: "v" } }, "ok"],
    [{ tags: { k: x(257) } }, "tags.k: Too big: expected string to have <=256 characters"],
    [{ latencyMs: 3_600_000 }, "ok"],
    [{ latencyMs: 3_600_001 }, "latencyMs: Too big: expected number to be <=3600000"],
    [{ latencyMs: -1 }, "latencyMs: Too small: expected number to be >=0"],
    [{ status: "error" }, "ok"],
    [{ status: "failed" }, 'status: Invalid option: expected one of "success"|"error"'],
    [{ requestId: x(200) }, "ok"],
    [{ requestId: "" }, "requestId: Too small: expected string to have >=1 characters"],
    [{ cost: 1_000_000 }, "ok"],
    [{ cost: "1234567.000000000001" }, "ok"],
    [{ cost: "12345678" }, "cost: a decimal string"],
    [{ cost: "1.0000000000001" }, "cost: a decimal string"],
    [{ cost: -0.5 }, "cost: Too small: expected number to be >=0"],
    [{ colour: "red" }, ': Unrecognized key: "colour"'],
  ])("%j → %s", (over, expected) => {
    expect(issue(over)).toBe(expected);
  });

  it("trims labels, provider and model", () => {
    const r = usageEventSchema.parse({ ...base, provider: " openai ", model: " gpt-4o ", team: " t " });
    expect([r.provider, r.model, r.team]).toEqual(["openai", "gpt-4o", "t"]);
  });
});
