import { z } from "zod";

/** A price as a decimal string with at most six decimals (USD per 1M tokens) or twelve (per unit). */
const perMillion = z.string().regex(/^\d+(\.\d{1,6})?$/, "a decimal string with at most 6 decimals");
const perUnit = z.string().regex(/^\d+(\.\d{1,12})?$/, "a decimal string with at most 12 decimals");

export const priceSetSchema = z.strictObject({
  input: perMillion,
  output: perMillion.optional(),
  cachedInput: perMillion.optional(),
  cacheWrite5m: perMillion.optional(),
  cacheWrite1h: perMillion.optional(),
  reasoning: perMillion.optional(),
  perRequest: perUnit.optional(),
  perImage: perUnit.optional(),
  perAudioSecond: perUnit.optional(),
});

export const partialPriceSetSchema = priceSetSchema.partial();

export const longContextSchema = z.object({ thresholdTokens: z.number().int().positive() }).catchall(perMillion);

const tierSchema = z.union([
  z.strictObject({ multiplier: z.string().regex(/^\d+(\.\d{1,9})?$/) }),
  partialPriceSetSchema,
]);

export const serviceTiersSchema = z.strictObject({
  batch: tierSchema.optional(),
  flex: tierSchema.optional(),
  priority: tierSchema.optional(),
});

export const catalogEntrySchema = z.strictObject({
  provider: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9._-]+$/),
  model: z.string().min(1).max(128),
  displayName: z.string().max(128).optional(),
  aliases: z.array(z.string().min(1).max(160)).default([]),
  prices: priceSetSchema,
  longContext: longContextSchema.optional(),
  serviceTiers: serviceTiersSchema.optional(),
  free: z.boolean().default(false),
  sourceUrl: z.string().url().optional(),
  checkedAt: z.string().optional(),
});

export const catalogFileSchema = z.object({
  catalogVersion: z.string(),
  currency: z.literal("USD"),
  unit: z.string().optional(),
  models: z.array(catalogEntrySchema),
});

export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type PriceSet = z.infer<typeof priceSetSchema>;
export type LongContext = z.infer<typeof longContextSchema>;
export type ServiceTiers = z.infer<typeof serviceTiersSchema>;
export type CatalogFile = z.infer<typeof catalogFileSchema>;
