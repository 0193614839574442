import type { CatalogEntry } from "../catalog-schema";
import { parseLiteLlm } from "./parse-litellm";
import { parsePriceCsv } from "./parse-price-csv";

export type PriceFileFormat = "litellm" | "catalog" | "csv";

/**
 * Reads a price file: the simple CSV, a Burnrate catalog JSON (`{catalogVersion, models: […]}`,
 * the shape of lib/pricing/catalog/prices.json) or LiteLLM's model map. Without a format, JSON
 * with a `models` array is a Burnrate catalog. Entries are validated one by one by the import.
 */
export function parsePriceFile(text: string, format?: PriceFileFormat): CatalogEntry[] {
  if (format === "csv") return parsePriceCsv(text);
  const json: unknown = JSON.parse(text);
  const models = (json as { models?: unknown })?.models;
  if (format === "catalog" || (format === undefined && Array.isArray(models))) {
    if (!Array.isArray(models)) throw new Error('a Burnrate catalog needs a "models" array');
    return models.map((m) => ({ aliases: [], free: false, ...(m as object) }) as unknown as CatalogEntry);
  }
  return parseLiteLlm(json).entries;
}
