import { z } from "zod";
import { perMillionToPicoPerToken } from "@/lib/money";

const partyKey = z.string().min(1).max(200);
const perMillion = z
  .string()
  .regex(/^\d{1,7}(\.\d{1,6})?$/, 'USD per 1M tokens with at most 6 decimals, e.g. "3.75"')
  .describe("USD per 1M tokens");

/**
 * A party's own price for one model, USD per 1M tokens per token kind. A missing cached-input or
 * cache-write price is the input price, a missing reasoning price the output price (as the catalog).
 */
export const partyModelPriceSchema = z.strictObject({
  input: perMillion,
  output: perMillion,
  cachedInput: perMillion.optional(),
  cacheWrite: perMillion.optional(),
  reasoning: perMillion.optional(),
});
export type PartyModelPrice = z.output<typeof partyModelPriceSchema>;

/** "provider/model" (the provider has no slash; the model may have some). */
export const priceListModelKey = z
  .string()
  .max(300)
  .regex(/^[^/\s]+\/\S+$/, '"provider/model", e.g. "openai/gpt-4o"');

/**
 * Price lists, per party: the party's direct usage of a listed model is billed at these prices
 * instead of its cost; models not on its list are billed at cost.
 */
export const priceListsSchema = z
  .record(partyKey, z.record(priceListModelKey, partyModelPriceSchema))
  .describe('Price list per party: {"acme": {"openai/gpt-4o": {"input": "3", "output": "12"}}}, USD per 1M tokens');
export type PriceLists = z.output<typeof priceListsSchema>;

type Tokens = {
  inputTokens: bigint;
  outputTokens: bigint;
  cachedInputTokens: bigint;
  cacheWriteTokens: bigint;
  reasoningTokens: bigint;
};

/**
 * A usage line at a party's price list, exact (no rounding: X USD per 1M tokens with at most six
 * decimals is X * 1e6 pico-USD per token), or null when the model is not on the list.
 */
export function priceAtList(
  list: PriceLists[string] | undefined,
  line: Tokens & { provider: string; model: string },
): bigint | null {
  const p = list?.[`${line.provider}/${line.model}`];
  if (!p) return null;
  const pico = perMillionToPicoPerToken;
  return (
    line.inputTokens * pico(p.input) +
    line.outputTokens * pico(p.output) +
    line.cachedInputTokens * pico(p.cachedInput ?? p.input) +
    line.cacheWriteTokens * pico(p.cacheWrite ?? p.input) +
    line.reasoningTokens * pico(p.reasoning ?? p.output)
  );
}
