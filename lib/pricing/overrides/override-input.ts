import { z } from "zod";
import { partialPriceSetSchema, priceSetSchema } from "../catalog-schema";

const scope = {
  provider: z.string().trim().min(1).max(64).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().max(500).optional(),
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
};

export const createOverrideInput = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("DISCOUNT"),
    percentOff: z
      .string()
      .regex(/^\d{1,2}(\.\d{1,6})?$|^100$/, "a percentage such as 12.5 (0-100)")
      .refine((v) => Number(v) > 0, "must be more than 0"),
    ...scope,
  }),
  z.strictObject({
    kind: z.literal("CUSTOM_PRICE"),
    ...scope,
    provider: z.string().trim().min(1, "name the provider").max(64),
    model: z.string().trim().min(1, "name the model").max(200),
    prices: priceSetSchema.extend({ output: priceSetSchema.shape.output.unwrap() }),
    longContext: partialPriceSetSchema.extend({ thresholdTokens: z.number().int().positive() }).optional(),
  }),
]);

export type CreateOverrideInput = z.infer<typeof createOverrideInput>;
