/** Prices in pico-USD: per token for token kinds, per unit for requests, images and audio seconds. */
export type PriceSet = {
  input: bigint;
  output: bigint;
  cachedInput?: bigint;
  cacheWrite5m?: bigint;
  cacheWrite1h?: bigint;
  reasoning?: bigint;
  perRequest?: bigint;
  perImage?: bigint;
  perAudioSecond?: bigint;
};

export type TierPrice = { multiplier: string } | { prices: Partial<PriceSet> };
export type ServiceTier = "standard" | "batch" | "flex" | "priority";

/** One effective-dated price of one model, global (catalog) or an organisation's own. */
export type ModelPrice = {
  provider: string;
  model: string;
  aliases: string[];
  effectiveFrom: Date;
  effectiveTo: Date | null;
  prices: PriceSet;
  longContext?: { thresholdTokens: number; prices: Partial<PriceSet> };
  serviceTiers: Partial<Record<Exclude<ServiceTier, "standard">, TierPrice>>;
  /** UTC time-of-day windows whose prices replace the standard ones (see time-of-day.ts). */
  timeOfDay?: { fromMinute: number; toMinute: number; label?: string; prices: Partial<PriceSet> }[];
};

/** The token and unit counts of one event that carry a price. */
export type BillableUsage = {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  cacheTtl: "5m" | "1h";
  reasoningTokens: number;
  requests: number;
  images: number;
  audioSeconds: number;
  serviceTier: ServiceTier;
};
