// Token semantics per source, each case worked out by hand (docs/token-semantics.md has the table).
// Columns: [input (uncached), cachedInput, cacheWrite, output (without reasoning), reasoning].
import { describe, expect, it } from "vitest";
import {
  fromAnthropicUsage,
  fromGenAiAttributes,
  fromOpenAIUsage,
  fromOpenInferenceAttributes,
  type TokenUsage,
} from "./token-usage";

const u = (i: number, c: number, w: number, o: number, r: number, cacheTtl?: "5m" | "1h"): TokenUsage => ({
  inputTokens: i,
  cachedInputTokens: c,
  cacheWriteTokens: w,
  outputTokens: o,
  reasoningTokens: r,
  ...(cacheTtl ? { cacheTtl } : {}),
});

describe("OpenTelemetry GenAI attributes (input includes cache reads and writes, output includes reasoning)", () => {
  it.each([
    ["plain", { "gen_ai.usage.input_tokens": 1000, "gen_ai.usage.output_tokens": 200 }, u(1000, 0, 0, 200, 0)],
    [
      // 1000 prompt tokens of which 600 came from the cache: 400 billed at the input price
      "cached",
      {
        "gen_ai.usage.input_tokens": 1000,
        "gen_ai.usage.cache_read.input_tokens": 600,
        "gen_ai.usage.output_tokens": 50,
      },
      u(400, 600, 0, 50, 0),
    ],
    [
      // an Anthropic call seen through OTel: 1000 uncached + 1000 read + 3000 written = 5000 input
      "cache writes",
      {
        "gen_ai.usage.input_tokens": 5000,
        "gen_ai.usage.cache_read.input_tokens": 1000,
        "gen_ai.usage.cache_creation.input_tokens": 3000,
        "gen_ai.usage.output_tokens": 100,
      },
      u(1000, 1000, 3000, 100, 0),
    ],
    [
      // 900 output tokens of which 700 were reasoning: 200 at the output price
      "reasoning",
      {
        "gen_ai.usage.input_tokens": 40,
        "gen_ai.usage.output_tokens": 900,
        "gen_ai.usage.reasoning.output_tokens": 700,
      },
      u(40, 0, 0, 200, 700),
    ],
    [
      "int64 as decimal strings (OTLP/JSON)",
      { "gen_ai.usage.input_tokens": "1000", "gen_ai.usage.output_tokens": "7" },
      u(1000, 0, 0, 7, 0),
    ],
    [
      "older names",
      {
        "gen_ai.usage.prompt_tokens": 30,
        "gen_ai.usage.completion_tokens": 12,
        "gen_ai.usage.input_tokens.cached": 10,
      },
      u(20, 10, 0, 12, 0),
    ],
    ["output only", { "gen_ai.usage.output_tokens": 5 }, u(0, 0, 0, 5, 0)],
  ])("%s", (_name, attrs, expected) => {
    expect(fromGenAiAttributes(attrs)).toEqual(expected);
  });

  it("no token counts: no usage (null), whatever else the span says", () => {
    expect(fromGenAiAttributes({ "gen_ai.operation.name": "invoke_agent", "gen_ai.request.model": "x" })).toBeNull();
  });

  it.each([
    [
      { "gen_ai.usage.input_tokens": 100, "gen_ai.usage.cache_read.input_tokens": 200 },
      "gen_ai.usage.input_tokens: is 100, smaller than gen_ai.usage.cache_read.input_tokens (200); it must include them (see docs/token-semantics.md)",
    ],
    [
      { "gen_ai.usage.output_tokens": 10, "gen_ai.usage.reasoning.output_tokens": 11 },
      "gen_ai.usage.output_tokens: is 10, smaller than gen_ai.usage.reasoning.output_tokens (11); it must include them (see docs/token-semantics.md)",
    ],
    [{ "gen_ai.usage.input_tokens": -1 }, "gen_ai.usage.input_tokens: must be a non-negative whole number, got -1"],
    [
      { "gen_ai.usage.input_tokens": 1, "gen_ai.usage.output_tokens": 2.5 },
      "gen_ai.usage.output_tokens: must be a non-negative whole number, got 2.5",
    ],
  ])("impossible counts are refused, naming the attribute: %j", (attrs, message) => {
    expect(() => fromGenAiAttributes(attrs)).toThrow(message);
  });
});

describe("OpenInference attributes (llm.token_count.*)", () => {
  it("cached, cache writes and reasoning are parts of prompt and completion", () => {
    // 1200 prompt = 150 uncached + 1000 read + 50 written; 300 completion = 44 + 256 reasoning
    expect(
      fromOpenInferenceAttributes({
        "llm.token_count.prompt": 1200,
        "llm.token_count.prompt_details.cache_read": 1000,
        "llm.token_count.prompt_details.cache_write": 50,
        "llm.token_count.completion": 300,
        "llm.token_count.completion_details.reasoning": 256,
        "llm.token_count.total": 1500,
      }),
    ).toEqual(u(150, 1000, 50, 44, 256));
    expect(fromOpenInferenceAttributes({ "llm.token_count.total": 10 })).toBeNull();
  });
});

describe("OpenAI usage objects (prompt includes cached, completion includes reasoning, no cache writes)", () => {
  it("Chat Completions with cached and reasoning tokens", () => {
    // 2006 prompt of which 1920 cached → 86; 300 completion of which 192 reasoning → 108
    const usage = {
      prompt_tokens: 2006,
      completion_tokens: 300,
      total_tokens: 2306,
      prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 192, audio_tokens: 0, accepted_prediction_tokens: 0 },
    };
    expect(fromOpenAIUsage(usage)).toEqual(u(86, 1920, 0, 108, 192));
  });

  it("Responses API names", () => {
    const usage = {
      input_tokens: 5000,
      input_tokens_details: { cached_tokens: 4096 },
      output_tokens: 1200,
      output_tokens_details: { reasoning_tokens: 1024 },
      total_tokens: 6200,
    };
    expect(fromOpenAIUsage(usage)).toEqual(u(904, 4096, 0, 176, 1024));
  });

  it("no usage (a stream without include_usage): null", () => {
    expect(fromOpenAIUsage(undefined)).toBeNull();
    expect(fromOpenAIUsage(null)).toBeNull();
  });
});

describe("Anthropic usage objects (input excludes cache reads and writes)", () => {
  it.each([
    ["plain", { input_tokens: 21, output_tokens: 393 }, u(21, 0, 0, 393, 0)],
    [
      "cache read: added, not subtracted",
      { input_tokens: 3, cache_read_input_tokens: 1500, cache_creation_input_tokens: 0, output_tokens: 10 },
      u(3, 1500, 0, 10, 0),
    ],
    [
      "cache write, 5 minutes",
      { input_tokens: 21, cache_creation_input_tokens: 188086, cache_read_input_tokens: 0, output_tokens: 393 },
      u(21, 0, 188086, 393, 0, "5m"),
    ],
    [
      "cache write, 1 hour",
      {
        input_tokens: 21,
        cache_creation_input_tokens: 2000,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 2000 },
        output_tokens: 1,
      },
      u(21, 0, 2000, 1, 0, "1h"),
    ],
    [
      "mixed lifetimes: priced as 5m (documented limitation)",
      {
        input_tokens: 1,
        cache_creation_input_tokens: 300,
        cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 },
        output_tokens: 1,
      },
      u(1, 0, 300, 1, 0, "5m"),
    ],
  ])("%s", (_name, usage, expected) => {
    expect(fromAnthropicUsage(usage)).toEqual(expected);
  });
});

describe("the same call through each source is the same usage (no token counted twice or dropped)", () => {
  it("Anthropic native and its OTel span agree", () => {
    const native = {
      input_tokens: 1000,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 3000,
      output_tokens: 100,
    };
    const otel = {
      "gen_ai.usage.input_tokens": 5000,
      "gen_ai.usage.cache_read.input_tokens": 1000,
      "gen_ai.usage.cache_creation.input_tokens": 3000,
      "gen_ai.usage.output_tokens": 100,
    };
    const { cacheTtl: _ttl, ...a } = fromAnthropicUsage(native)!;
    expect(a).toEqual(fromGenAiAttributes(otel));
  });
});
