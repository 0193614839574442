import { z } from "zod";

const value = z.string().min(1).max(200);
const tokens = z.number().int().min(0).max(100_000_000);
const AMOUNT = /^\d{1,9}(\.\d{1,12})?$/;

/** The attributes of a call, as a usage event carries them (the API key is the caller's). */
export const callAttributesSchema = z.object({
  team: value.optional().describe("Team the call is attributed to"),
  feature: value.optional().describe("Feature the call is attributed to"),
  model: value.optional().describe("Model the call will use"),
  provider: value.optional().describe("Provider of the model"),
  customer: value.optional().describe("Customer the call is made for"),
  environment: value.optional().describe("Environment (production, staging, …)"),
  endUser: value.optional().describe("End user the call is made for"),
});

/** GET /api/v1/limits: the attributes as query parameters. */
export const checkLimitsQuery = callAttributesSchema.strict();

/**
 * POST /api/v1/limits/reserve: the attributes, and either an estimated cost or the model (with its
 * provider) and the most tokens the call may use, priced with the organisation's price book.
 */
export const reserveInput = callAttributesSchema
  .extend({
    estimatedCost: z
      .string()
      .regex(AMOUNT, 'a decimal amount in USD like "0.12" (at most 12 decimals)')
      .optional()
      .describe("The most the call may cost, in USD (a decimal string)"),
    maxInputTokens: tokens.optional().describe("The most input tokens the call may use (with model)"),
    maxOutputTokens: tokens.optional().describe("The most output tokens the call may produce (with model)"),
    ttlSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(300)
      .describe("Seconds until an unsettled reservation is released by itself (default 300)"),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.estimatedCost !== undefined) return;
    if (!r.model)
      ctx.addIssue({
        code: "custom",
        path: ["estimatedCost"],
        message: "give estimatedCost, or model with maxOutputTokens",
      });
    else if (r.maxInputTokens === undefined && r.maxOutputTokens === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["maxOutputTokens"],
        message: "required with model when estimatedCost is not given",
      });
  });
export type ReserveInput = z.output<typeof reserveInput>;

export const releaseInput = z
  .object({ reservationId: z.string().min(1).max(100).describe("The reservation to return (rsv_…)") })
  .strict();
