import type { LongContext } from "../catalog-schema";
import { defined, perM } from "./litellm-values";

const FIELDS: [string, string][] = [
  ["input", "input_cost_per_token"],
  ["output", "output_cost_per_token"],
  ["cachedInput", "cache_read_input_token_cost"],
  ["cacheWrite5m", "cache_creation_input_token_cost"],
  ["cacheWrite1h", "cache_creation_input_token_cost_above_1hr"],
];
const ABOVE = /^input_cost_per_token_above_(\d+)k_tokens$/;

/**
 * The long-context tier of a LiteLLM entry, at the threshold its field names carry
 * (`…_above_200k_tokens`, `…_above_272k_tokens`, `…_above_128k_tokens`), with the cache prices of
 * that tier. The lowest threshold wins when several are stated (the catalog holds one tier).
 */
export function litellmLongContext(raw: Record<string, unknown>): LongContext | undefined {
  const thresholds = Object.keys(raw)
    .map((k) => ABOVE.exec(k)?.[1])
    .filter((k): k is string => !!k && typeof raw[`input_cost_per_token_above_${k}k_tokens`] === "number")
    .map(Number)
    .sort((a, b) => a - b);
  const k = thresholds[0];
  if (k === undefined) return undefined;
  const tier = Object.fromEntries(FIELDS.map(([name, base]) => [name, perM(raw[`${base}_above_${k}k_tokens`])]));
  return defined({ thresholdTokens: k * 1000, ...tier }) as LongContext;
}
