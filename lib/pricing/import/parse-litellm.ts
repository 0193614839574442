import type { CatalogEntry } from "../catalog-schema";
import { litellmLongContext } from "./litellm-long-context";
import { litellmServiceTiers } from "./litellm-service-tiers";
import { defined, perM, perUnit } from "./litellm-values";

type LiteLlmModel = Record<string, unknown> & { litellm_provider?: string; mode?: string };

/** LiteLLM's provider → Burnrate's. Vertex AI is its own price list (see match-model.ts). */
const PROVIDERS: Record<string, string> = {
  openai: "openai",
  text_completion_openai: "openai",
  anthropic: "anthropic",
  gemini: "google",
  vertex_ai: "vertex_ai",
  "vertex_ai-language-models": "vertex_ai",
  mistral: "mistral",
  xai: "xai",
  deepseek: "deepseek",
  cohere: "cohere",
  cohere_chat: "cohere",
  groq: "groq",
  together_ai: "together",
};

/** LiteLLM key prefixes that only say which route a name takes: `groq/…`, `together_ai/…`, `vertex_ai/…`. */
const ROUTE_PREFIXES = new Set([...Object.keys(PROVIDERS), "text-completion-openai", "vertex_ai_beta"]);

/** The model name without its route prefix; the rest of a path is kept (`meta-llama/Llama-3.3-70B-…`). */
export function litellmModelName(key: string): string {
  const slash = key.indexOf("/");
  return slash > 0 && ROUTE_PREFIXES.has(key.slice(0, slash)) ? key.slice(slash + 1) : key;
}

/**
 * Reads LiteLLM's model_prices_and_context_window.json (per-token USD floats) into catalog
 * entries, exactly. Only what an entry states is returned (the import merges it into the catalog):
 * base prices, cache reads and writes (5 min, 1 h), long-context tiers at whatever threshold the
 * field names, batch/flex/priority prices. Entries without token prices, or of providers Burnrate
 * does not map, are skipped.
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
    const longContext = litellmLongContext(raw);
    const serviceTiers = litellmServiceTiers(raw);
    entries.push({
      provider,
      model: litellmModelName(key),
      aliases: [],
      free: false,
      prices: defined({
        input,
        // an embedding's "output 0" is no price (it has no output), not a price change
        output:
          raw.mode === "embedding" && raw.output_cost_per_token === 0 ? undefined : perM(raw.output_cost_per_token),
        cachedInput: perM(raw.cache_read_input_token_cost),
        cacheWrite5m: perM(raw.cache_creation_input_token_cost),
        cacheWrite1h: perM(raw.cache_creation_input_token_cost_above_1hr),
        reasoning: perM(raw.output_cost_per_reasoning_token),
        perRequest: perUnit(raw.input_cost_per_request),
        perImage: perUnit(raw.input_cost_per_image ?? raw.output_cost_per_image),
        perAudioSecond: perUnit(raw.input_cost_per_audio_per_second),
      }),
      ...(longContext ? { longContext } : {}),
      ...(serviceTiers ? { serviceTiers } : {}),
      ...(typeof raw.mode === "string" ? { mode: raw.mode.slice(0, 32) } : {}),
      ...(sourceUrl ? { sourceUrl } : {}),
    } as CatalogEntry);
  }
  return { entries, skipped };
}
