/**
 * The one place where token counts from every source are turned into Burnrate's token semantics.
 * Used by the SDK's provider wrappers and by Burnrate's OTLP ingest (lib/otel). No dependencies.
 *
 * Burnrate's semantics (the usage event): every token is in exactly one bucket.
 *   inputTokens        input billed at the input price: NOT the cache reads, NOT the cache writes
 *   cachedInputTokens  input read from the prompt cache
 *   cacheWriteTokens   input written to the prompt cache (cacheTtl says 5m or 1h)
 *   outputTokens       output billed at the output price: NOT the reasoning tokens
 *   reasoningTokens    reasoning ("thinking") tokens reported apart by the provider
 *
 * The sources differ (docs/token-semantics.md has the table):
 *   OpenTelemetry GenAI  input_tokens INCLUDES cache_read and cache_creation; output_tokens INCLUDES reasoning
 *   OpenInference        llm.token_count.prompt INCLUDES prompt_details.cache_read/cache_write;
 *                        completion INCLUDES completion_details.reasoning
 *   OpenAI (chat, responses) prompt_tokens / input_tokens INCLUDE cached_tokens; completion_tokens /
 *                        output_tokens INCLUDE reasoning_tokens; no cache writes
 *   Anthropic            input_tokens EXCLUDES cache_read_input_tokens and cache_creation_input_tokens;
 *                        output_tokens includes thinking, which is not reported apart (reasoning 0)
 */

export type TokenUsage = {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Only when there are cache writes: their lifetime when the source says (Anthropic), else omitted (5m). */
  cacheTtl?: "5m" | "1h";
};

/** A source's counts that cannot be right (a part larger than its whole, a negative or fractional count). */
export class TokenUsageError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "TokenUsageError";
  }
}

type Bag = Record<string, unknown>;

/** A token count: a non-negative whole number (OTLP int64 may arrive as a decimal string); undefined when absent. */
export function tokenCount(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new TokenUsageError(field, `must be a non-negative whole number, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** `whole` minus its `parts`; a part larger than the whole means the source used other semantics: refused. */
function minusParts(whole: number, wholeField: string, parts: [number, string][]): number {
  const sum = parts.reduce((s, [n]) => s + n, 0);
  if (sum > whole) {
    const names = parts.filter(([n]) => n > 0).map(([, f]) => f);
    throw new TokenUsageError(
      wholeField,
      `is ${whole}, smaller than ${names.join(" + ")} (${sum}); it must include them (see docs/token-semantics.md)`,
    );
  }
  return whole - sum;
}

function first(bag: Bag, keys: string[]): [number | undefined, string] {
  for (const k of keys) {
    const n = tokenCount(bag[k], k);
    if (n !== undefined) return [n, k];
  }
  return [undefined, keys[0]!];
}

function subsetUsage(
  bag: Bag,
  keys: { input: string[]; output: string[]; cacheRead: string[]; cacheWrite: string[]; reasoning: string[] },
): TokenUsage | null {
  const [input, inputField] = first(bag, keys.input);
  const [output, outputField] = first(bag, keys.output);
  const [cacheRead = 0, cacheReadField] = first(bag, keys.cacheRead);
  const [cacheWrite = 0, cacheWriteField] = first(bag, keys.cacheWrite);
  const [reasoning = 0, reasoningField] = first(bag, keys.reasoning);
  if (input === undefined && output === undefined) return null;
  return withTtl({
    inputTokens: minusParts(input ?? 0, inputField, [
      [cacheRead, cacheReadField],
      [cacheWrite, cacheWriteField],
    ]),
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: minusParts(output ?? 0, outputField, [[reasoning, reasoningField]]),
    reasoningTokens: reasoning,
  });
}

function withTtl(u: TokenUsage, ttl?: "5m" | "1h"): TokenUsage {
  return u.cacheWriteTokens > 0 && ttl ? { ...u, cacheTtl: ttl } : u;
}

/**
 * OpenTelemetry GenAI semantic conventions (span attributes). Also reads the older names
 * (`gen_ai.usage.prompt_tokens`/`completion_tokens`, `gen_ai.usage.cache_read_input_tokens`, …) with the
 * same meaning. null when the span carries no input or output token count.
 */
export function fromGenAiAttributes(attrs: Bag): TokenUsage | null {
  return subsetUsage(attrs, {
    input: ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"],
    output: ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"],
    cacheRead: [
      "gen_ai.usage.cache_read.input_tokens",
      "gen_ai.usage.cache_read_input_tokens",
      "gen_ai.usage.input_tokens.cached",
    ],
    cacheWrite: [
      "gen_ai.usage.cache_creation.input_tokens",
      "gen_ai.usage.cache_creation_input_tokens",
      "gen_ai.usage.input_tokens.cache_write",
    ],
    reasoning: ["gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.output_tokens.reasoning"],
  });
}

/** OpenInference (`llm.token_count.*`), as Arize/Phoenix instrumentations emit. null without prompt/completion. */
export function fromOpenInferenceAttributes(attrs: Bag): TokenUsage | null {
  return subsetUsage(attrs, {
    input: ["llm.token_count.prompt"],
    output: ["llm.token_count.completion"],
    cacheRead: ["llm.token_count.prompt_details.cache_read"],
    cacheWrite: ["llm.token_count.prompt_details.cache_write"],
    reasoning: ["llm.token_count.completion_details.reasoning"],
  });
}

/**
 * OpenAI's `usage` object: Chat Completions (`prompt_tokens`, `prompt_tokens_details.cached_tokens`,
 * `completion_tokens_details.reasoning_tokens`) or Responses (`input_tokens`, `input_tokens_details`,
 * `output_tokens_details`). null when there is none (e.g. a stream without include_usage).
 */
export function fromOpenAIUsage(usage: unknown): TokenUsage | null {
  if (!usage || typeof usage !== "object") return null;
  const u = usage as Bag;
  const details = (k: string) => (u[k] && typeof u[k] === "object" ? (u[k] as Bag) : {});
  const flat: Bag = {
    prompt_tokens: u.prompt_tokens ?? u.input_tokens,
    completion_tokens: u.completion_tokens ?? u.output_tokens,
    cached_tokens: details("prompt_tokens_details").cached_tokens ?? details("input_tokens_details").cached_tokens,
    reasoning_tokens:
      details("completion_tokens_details").reasoning_tokens ?? details("output_tokens_details").reasoning_tokens,
  };
  return subsetUsage(flat, {
    input: ["prompt_tokens"],
    output: ["completion_tokens"],
    cacheRead: ["cached_tokens"],
    cacheWrite: [],
    reasoning: ["reasoning_tokens"],
  });
}

/**
 * Anthropic's `usage` object (Messages API, also the `message_delta` usage of a stream, which is cumulative):
 * `input_tokens` already excludes the cache reads and writes; `cache_creation.ephemeral_1h_input_tokens`
 * says which writes live an hour. Thinking tokens are part of `output_tokens` (no reasoning count).
 */
export function fromAnthropicUsage(usage: unknown): TokenUsage | null {
  if (!usage || typeof usage !== "object") return null;
  const u = usage as Bag;
  const input = tokenCount(u.input_tokens, "input_tokens");
  const output = tokenCount(u.output_tokens, "output_tokens");
  if (input === undefined && output === undefined) return null;
  const cacheWrite = tokenCount(u.cache_creation_input_tokens, "cache_creation_input_tokens") ?? 0;
  const split = u.cache_creation && typeof u.cache_creation === "object" ? (u.cache_creation as Bag) : {};
  const oneHour = tokenCount(split.ephemeral_1h_input_tokens, "cache_creation.ephemeral_1h_input_tokens") ?? 0;
  return withTtl(
    {
      inputTokens: input ?? 0,
      cachedInputTokens: tokenCount(u.cache_read_input_tokens, "cache_read_input_tokens") ?? 0,
      cacheWriteTokens: cacheWrite,
      outputTokens: output ?? 0,
      reasoningTokens: 0,
    },
    // One lifetime per event: all-1h writes are 1h; any 5-minute write makes the event 5m (the cheaper,
    // documented as a limitation for mixed writes).
    oneHour > 0 && oneHour >= cacheWrite ? "1h" : "5m",
  );
}
