// An independent cost oracle for tests: prices straight from prices.json's decimal strings, worked
// out with nothing from lib/pricing or lib/money, so a bug there cannot hide on both sides.
import catalog from "@/lib/pricing/catalog/prices.json";

type Decimals = Record<string, string | number | undefined>;
type Entry = {
  provider: string;
  model: string;
  prices: Decimals;
  longContext?: Decimals;
  serviceTiers?: Record<string, Decimals>;
};

/** "2.50" USD per 1M tokens → 2_500_000 pico-USD per token (string surgery, no float). */
function perTokenPico(usdPerMillion: string | number | undefined): bigint | undefined {
  if (usdPerMillion === undefined) return undefined;
  const [whole, frac = ""] = String(usdPerMillion).split(".");
  if (frac.length > 6) throw new Error(`oracle: ${usdPerMillion} has more than 6 decimals`);
  return BigInt(whole! + frac.padEnd(6, "0"));
}

export type OracleUsage = {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  cacheTtl: "5m" | "1h";
  reasoningTokens: number;
  serviceTier: "standard" | "batch" | "flex" | "priority";
};

/** The cost in pico-USD of token-only usage of a shipped catalog model, without discount. */
export function oracleCost(u: OracleUsage): bigint {
  const entry = (catalog.models as unknown as Entry[]).find((m) => m.provider === u.provider && m.model === u.model);
  if (!entry) throw new Error(`oracle: ${u.provider}/${u.model} is not in prices.json`);
  let table: Decimals = { ...entry.prices };
  const prompt = u.inputTokens + u.cachedInputTokens + u.cacheWriteTokens;
  if (entry.longContext && prompt > Number(entry.longContext.thresholdTokens))
    table = { ...table, ...entry.longContext };
  const tier = u.serviceTier === "standard" ? undefined : entry.serviceTiers?.[u.serviceTier];
  let half = false;
  if (tier?.multiplier !== undefined) {
    if (tier.multiplier !== "0.5") throw new Error(`oracle: only knows the 0.5 multiplier, got ${tier.multiplier}`);
    half = true;
  } else if (tier) table = { ...table, ...tier };
  const price = (k: string, fallback: string) => perTokenPico(table[k] ?? table[fallback])!;
  const write =
    u.cacheTtl === "1h"
      ? (table.cacheWrite1h ?? table.cacheWrite5m ?? table.input)
      : (table.cacheWrite5m ?? table.input);
  const total =
    BigInt(u.inputTokens) * price("input", "input") +
    BigInt(u.outputTokens) * price("output", "output") +
    BigInt(u.cachedInputTokens) * price("cachedInput", "input") +
    BigInt(u.cacheWriteTokens) * perTokenPico(write)! +
    BigInt(u.reasoningTokens) * price("reasoning", "output");
  if (!half) return total;
  // Half of an odd amount is x.5: round to the even neighbour.
  const q = total / 2n;
  return total % 2n === 1n && q % 2n === 1n ? q + 1n : q;
}
