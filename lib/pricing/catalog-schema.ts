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

/** A UTC time of day, "HH:MM" (00:00-24:00). */
const timeOfDayClock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM in UTC");

/**
 * Time-of-day prices: within [from, to) UTC (wrapping midnight when from > to) the window's prices
 * replace the standard ones they name. Windows must not overlap.
 */
export const timeOfDaySchema = z
  .array(
    z.strictObject({
      from: timeOfDayClock,
      to: timeOfDayClock,
      label: z.string().max(64).optional(),
      prices: partialPriceSetSchema,
    }),
  )
  .max(24);

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
  timeOfDay: timeOfDaySchema.optional(),
  free: z.boolean().default(false),
  sourceUrl: z.string().url().optional(),
  checkedAt: z.string().optional(),
  /** Where the prices were checked and what each source said (see docs/price-sources.md). */
  sources: z.string().max(2000).optional(),
  /** A dated price: in force from this instant (ISO 8601); absent means from the import. */
  effectiveFrom: z.string().datetime({ offset: true }).optional(),
  /** What the model is for (LiteLLM's mode); only the sanity checks read it, it is not stored. */
  mode: z.string().max(32).optional(),
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
export type TimeOfDay = z.infer<typeof timeOfDaySchema>;
export type CatalogFile = z.infer<typeof catalogFileSchema>;
