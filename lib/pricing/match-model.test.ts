import { describe, it, expect } from "vitest";
import catalog from "./catalog/prices.json";
import { matchModel, normalizeModelName, type CatalogKey } from "./match-model";

const entries: CatalogKey[] = catalog.models;

// [raw name as seen in logs, provider argument, expected "provider/model"]
const REAL_WORLD: Array<[string, string | undefined, string]> = [
  // OpenAI, Azure OpenAI, OpenRouter, LiteLLM
  ["gpt-4o", undefined, "openai/gpt-4o"],
  ["gpt-4o-2024-08-06", "openai", "openai/gpt-4o"],
  ["openai/gpt-4o-mini", undefined, "openai/gpt-4o-mini"],
  ["azure/gpt-4o-2024-11-20", undefined, "openai/gpt-4o"],
  ["openrouter/openai/gpt-4o", undefined, "openai/gpt-4o"],
  ["gpt-4o-2024-05-13", "openai", "openai/gpt-4o-2024-05-13"],
  ["gpt-4o-mini-2024-07-18", "azure", "openai/gpt-4o-mini"],
  ["  GPT-4.1-mini ", undefined, "openai/gpt-4.1-mini"],
  ["gpt-4.1-nano-2025-04-14", undefined, "openai/gpt-4.1-nano"],
  ["o3-mini-2025-01-31", undefined, "openai/o3-mini"],
  ["o3-2025-04-16", undefined, "openai/o3"],
  ["o4-mini", "azure", "openai/o4-mini"],
  ["o1-2024-12-17", undefined, "openai/o1"],
  ["gpt-5-2025-08-07", undefined, "openai/gpt-5"],
  ["gpt-5-mini-2025-08-07", undefined, "openai/gpt-5-mini"],
  ["openai/gpt-5.4-mini-2026-03-17", undefined, "openai/gpt-5.4-mini"],
  ["gpt-6.1-terra", undefined, "openai/gpt-6.1-terra"],
  ["text-embedding-3-small", undefined, "openai/text-embedding-3-small"],
  // Anthropic API, Bedrock (incl. inference profiles), Vertex AI, Claude Code
  ["claude-sonnet-4-5-20250929", undefined, "anthropic/claude-sonnet-4-5"],
  ["anthropic/claude-3-5-haiku-20241022", undefined, "anthropic/claude-3-5-haiku"],
  ["bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", undefined, "anthropic/claude-3-5-sonnet"],
  ["us.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock", "anthropic/claude-sonnet-4-5"],
  ["global.anthropic.claude-haiku-4-5-20251001-v1:0", undefined, "anthropic/claude-haiku-4-5"],
  ["anthropic.claude-3-haiku-20240307-v1:0", undefined, "anthropic/claude-3-haiku"],
  ["vertex_ai/claude-3-5-sonnet-v2@20241022", undefined, "anthropic/claude-3-5-sonnet"],
  ["claude-opus-4-1@20250805", "vertex_ai", "anthropic/claude-opus-4-1"],
  ["claude-3-7-sonnet-latest", undefined, "anthropic/claude-3-7-sonnet"],
  ["claude-haiku-5-5[1m]", undefined, "anthropic/claude-haiku-5-5"],
  ["claude-opus-4-20250514", undefined, "anthropic/claude-opus-4"],
  ["claude-sonnet-4-20250514", undefined, "anthropic/claude-sonnet-4"],
  ["claude-opus-5-5", "anthropic", "anthropic/claude-opus-5-5"],
  // Google AI Studio, Vertex AI, OpenRouter
  ["models/gemini-1.5-pro", undefined, "google/gemini-1.5-pro"],
  ["vertex_ai/gemini-2.5-pro", undefined, "google/gemini-2.5-pro"],
  ["gemini/gemini-2.5-flash-preview-09-2025", undefined, "google/gemini-2.5-flash"],
  ["gemini-2.5-pro-preview-06-05", undefined, "google/gemini-2.5-pro"],
  ["gemini-2.0-flash-001", "vertex_ai", "google/gemini-2.0-flash"],
  ["gemini-2.5-flash-lite-preview-06-17", undefined, "google/gemini-2.5-flash-lite"],
  ["publishers/google/models/gemini-2.5-flash", undefined, "google/gemini-2.5-flash"],
  ["google/gemini-3.1-pro-preview", undefined, "google/gemini-3.1-pro-preview"],
  ["gemini-1.5-flash-002", undefined, "google/gemini-1.5-flash"],
  // Mistral
  ["mistral/mistral-large-latest", undefined, "mistral/mistral-large-3"],
  ["mistral-large-2411", undefined, "mistral/mistral-large-2411"],
  ["codestral-2501", undefined, "mistral/codestral"],
  ["mistralai/magistral-medium-2509", undefined, "mistral/magistral-medium"],
  // xAI
  ["xai/grok-4-0709", undefined, "xai/grok-4"],
  ["x-ai/grok-3-mini", undefined, "xai/grok-3-mini"],
  ["grok-4-1-fast-non-reasoning", undefined, "xai/grok-4-1-fast-reasoning"],
  ["grok-2-1212", undefined, "xai/grok-2"],
  // DeepSeek
  ["deepseek/deepseek-chat", undefined, "deepseek/deepseek-flash"],
  ["deepseek-v4-pro", "deepseek", "deepseek/deepseek-v4-pro"],
  // Cohere
  ["command-r-plus-08-2024", undefined, "cohere/command-r-plus"],
  ["command-r-plus-04-2024", undefined, "cohere/command-r-plus-04-2024"],
  ["cohere/command-a-03-2025", undefined, "cohere/command-a"],
  ["command-r7b-12-2024", undefined, "cohere/command-r7b"],
  // Meta Llama on Groq and Together AI
  ["groq/llama-3.3-70b-versatile", undefined, "groq/llama-3.3-70b-versatile"],
  ["groq/meta-llama/llama-4-scout-17b-16e-instruct", undefined, "groq/meta-llama/llama-4-scout-17b-16e-instruct"],
  [
    "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    undefined,
    "together/meta-llama/Llama-3.3-70B-Instruct-Turbo",
  ],
  [
    "meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo",
    "together",
    "together/meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo",
  ],
  ["llama-3.1-8b-instant", "openai", "groq/llama-3.1-8b-instant"],
];

const UNKNOWN: string[] = [
  "",
  "   ",
  "gpt-4",
  "gpt-4o-realtime-preview",
  "chatgpt-4o-latest",
  "gpt-5.4-pro",
  "ft:gpt-4o-mini-2024-07-18:acme::abc123",
  "o3-deep-research",
  "claude-2.1",
  "anthropic.claude-v2:1",
  "claude-sonnet",
  "gemini-2.0-flash-exp",
  "meta.llama3-1-70b-instruct-v1:0",
  "llama-3.3-70b",
  "mistral-large-2402",
  "grok-2-vision-1212",
  "text-embedding-3-medium",
  "not-a-model",
];

describe("matchModel against the shipped catalog", () => {
  it.each(REAL_WORLD)("%s (provider %s) -> %s", (raw, provider, expected) => {
    const match = matchModel(raw, provider, entries);
    expect(match && `${match.provider}/${match.model}`).toBe(expected);
  });

  it.each(UNKNOWN)("returns null for %j", (raw) => {
    expect(matchModel(raw, undefined, entries)).toBeNull();
  });

  it("never maps a smaller sibling onto its bigger namesake", () => {
    expect(matchModel("gpt-4o-mini", undefined, entries)?.model).toBe("gpt-4o-mini");
    expect(matchModel("o3-mini", undefined, entries)?.model).toBe("o3-mini");
    expect(matchModel("gemini-2.5-flash-lite", undefined, entries)?.model).toBe("gemini-2.5-flash-lite");
    expect(matchModel("claude-opus-4-1", undefined, entries)?.model).toBe("claude-opus-4-1");
  });
});

describe("matchModel rules (synthetic entries)", () => {
  const e = (provider: string, model: string, aliases: string[] = []): CatalogKey => ({ provider, model, aliases });

  it("strips dated snapshots that are not listed as aliases", () => {
    const list = [e("openai", "gpt-4o"), e("anthropic", "claude-sonnet-4-5")];
    expect(matchModel("gpt-4o-2024-08-06", undefined, list)?.model).toBe("gpt-4o");
    expect(matchModel("claude-sonnet-4-5-20250929", undefined, list)?.model).toBe("claude-sonnet-4-5");
    expect(matchModel("claude-sonnet-4-5@20250929", undefined, list)?.model).toBe("claude-sonnet-4-5");
  });

  it("prefers an exact model or alias over a version-stripped match", () => {
    const list = [e("openai", "gpt-4o"), e("openai", "gpt-4o-legacy", ["gpt-4o-2024-05-13"])];
    expect(matchModel("gpt-4o-2024-05-13", undefined, list)?.model).toBe("gpt-4o-legacy");
    expect(matchModel("gpt-4o-2024-08-06", undefined, list)?.model).toBe("gpt-4o");
  });

  it("does not fall back to a shorter model when the exact one is missing", () => {
    const list = [e("openai", "gpt-4o"), e("openai", "o3")];
    expect(matchModel("gpt-4o-mini", undefined, list)).toBeNull();
    expect(matchModel("o3-mini-2025-01-31", undefined, list)).toBeNull();
  });

  it("uses the provider argument or a route prefix to break ties, else returns null", () => {
    const list = [
      e("groq", "meta-llama/llama-4-scout-17b-16e-instruct"),
      e("together", "meta-llama/Llama-4-Scout-17B-16E-Instruct"),
    ];
    const raw = "meta-llama/llama-4-scout-17b-16e-instruct";
    expect(matchModel(raw, undefined, list)).toBeNull();
    expect(matchModel(raw, "together", list)?.provider).toBe("together");
    expect(matchModel(raw, "together_ai", list)?.provider).toBe("together");
    expect(matchModel(`groq/${raw}`, undefined, list)?.provider).toBe("groq");
    expect(matchModel(raw, "openai", list)).toBeNull();
  });

  it("still matches a unique name when the provider is wrong", () => {
    const list = [e("openai", "gpt-4o"), e("anthropic", "claude-3-haiku")];
    expect(matchModel("gpt-4o", "anthropic", list)).toEqual({ provider: "openai", model: "gpt-4o" });
  });
});

describe("normalizeModelName", () => {
  it.each([
    [" OpenRouter/OpenAI/GPT-4o ", "gpt-4o"],
    ["models/gemini-1.5-pro", "gemini-1.5-pro"],
    ["bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet-20250219-v1:0"],
    ["groq/meta-llama/llama-4-scout-17b-16e-instruct", "meta-llama/llama-4-scout-17b-16e-instruct"],
    ["vertex_ai/gemini-2.5-pro", "gemini-2.5-pro"],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeModelName(raw)).toBe(expected);
  });
});
