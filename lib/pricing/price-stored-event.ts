import type { PriceBook } from "./price-book";
import type { ServiceTier } from "./price-types";
import { type PricedUsage, priceUsage } from "./price-usage";

/** The usage columns of a stored usage_events row, as re-pricing and the import's impact preview read them. */
export type StoredUsage = {
  timestamp: Date;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  cacheTtl: string | null;
  reasoningTokens: number;
  requests: number;
  images: number;
  audioMillis: number;
  serviceTier: string;
};

/** Prices a stored event with `book`, exactly as ingest priced it (audio by its stored milliseconds). */
export function priceStoredEvent(book: PriceBook, e: StoredUsage): PricedUsage {
  const usage = {
    ...e,
    cacheTtl: (e.cacheTtl ?? "5m") as "5m" | "1h",
    audioSeconds: 0,
    serviceTier: e.serviceTier as ServiceTier,
  };
  return priceUsage(book, e.model, e.provider, e.timestamp, usage, e.audioMillis);
}
