import type { CatalogEntry } from "../catalog-schema";
import { shiftDecimal } from "./decimal-shift";

type LiteLlmModel = Record<string, unknown> & { litellm_provider?: string; mode?: string };

const PROVIDERS: Record<string, string> = {
  openai: "openai",
  text_completion_openai: "openai",
  anthropic: "anthropic",
  gemini: "google",
  vertex_ai: "google",
  "vertex_ai-language-models": "google",
  mistral: "mistral",
  xai: "xai",
  deepseek: "deepseek",
  cohere: "cohere",
  cohere_chat: "cohere",
  groq: "groq",
  together_ai: "together",
};

const perM = (v: unknown) => (typeof v === "number" && v >= 0 ? shiftDecimal(v, 6) : undefined);
const perUnit = (v: unknown) => (typeof v === "number" && v >= 0 ? shiftDecimal(v, 0) : undefined);
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * Reads LiteLLM's model_prices_and_context_window.json (per-token USD floats) into catalog
 * entries, exactly. Entries without token prices, or of providers Burnrate does not map, are skipped.
 */
export function parseLiteLlm(json: unknown, sourceUrl?: string): { entries: CatalogEntry[]; skipped: string[] } {
  if (!json || typeof json !== "object" || Array.isArray(json))
    throw new Error("expected a JSON object keyed by model name");
  const entries: CatalogEntry[] = [];
  const skipped: string[] = [];
  for (const [key, raw] of Object.entries(json as Record<string, LiteLlmModel>)) {
    if (key === "sample_spec" || !raw || typeof raw !== "object") continue;
    const provider = PROVIDERS[raw.litellm_provider ?? ""];
    const input = perM(raw.input_cost_per_token);
    if (!provider || input === undefined) {
      skipped.push(key);
      continue;
    }
    const model = key.includes("/") ? key.slice(key.lastIndexOf("/") + 1) : key;
    const lcIn = perM(raw.input_cost_per_token_above_200k_tokens);
    entries.push({
      provider,
      model,
      aliases: [],
      free: false,
      prices: defined({
        input,
        output: perM(raw.output_cost_per_token) ?? "0",
        cachedInput: perM(raw.cache_read_input_token_cost),
        cacheWrite5m: perM(raw.cache_creation_input_token_cost),
        cacheWrite1h: perM(raw.cache_creation_input_token_cost_above_1hr),
        reasoning: perM(raw.output_cost_per_reasoning_token),
        perRequest: perUnit(raw.input_cost_per_request),
        perImage: perUnit(raw.input_cost_per_image ?? raw.output_cost_per_image),
        perAudioSecond: perUnit(raw.input_cost_per_audio_per_second),
      }),
      ...(lcIn
        ? {
            longContext: defined({
              thresholdTokens: 200_000,
              input: lcIn,
              output: perM(raw.output_cost_per_token_above_200k_tokens),
            }),
          }
        : {}),
      ...(sourceUrl ? { sourceUrl } : {}),
    } as CatalogEntry);
  }
  return { entries, skipped };
}
