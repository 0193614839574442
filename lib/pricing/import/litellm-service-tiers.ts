import type { ServiceTiers } from "../catalog-schema";
import { defined, perM } from "./litellm-values";

const TIERS = { batch: "batches", flex: "flex", priority: "priority" } as const;

/** Batch, flex and priority prices a LiteLLM entry states (`input_cost_per_token_priority`, …). */
export function litellmServiceTiers(raw: Record<string, unknown>): ServiceTiers | undefined {
  const out: ServiceTiers = {};
  for (const [tier, suffix] of Object.entries(TIERS) as [keyof ServiceTiers, string][]) {
    const prices = defined({
      input: perM(raw[`input_cost_per_token_${suffix}`]),
      output: perM(raw[`output_cost_per_token_${suffix}`]),
      cachedInput: perM(raw[`cache_read_input_token_cost_${suffix}`]),
    });
    if (Object.keys(prices).length) out[tier] = prices;
  }
  return Object.keys(out).length ? out : undefined;
}
