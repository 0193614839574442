import { z } from "zod";

export const MAX_BATCH = 1000;
export const MAX_TOKENS = 50_000_000; // far above any context window: larger is a client bug
const tokens = z
  .number()
  .int("must be a whole number")
  .min(0, "must not be negative")
  .max(MAX_TOKENS, `must be at most ${MAX_TOKENS}`);
// Postgres text cannot hold NUL characters: refuse them at the edge, naming the field.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this pattern refuses
const text = () => z.string().regex(/^[^\u0000]*$/, "must not contain NUL (\\u0000) characters");
const label = text().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

/** One usage event as services post it. Unknown fields are rejected, naming them. */
export const usageEventSchema = z.strictObject({
  eventId: text()
    .min(1, "is required")
    .max(128, "must be at most 128 characters")
    .describe("Your unique id of the call; a retried eventId is counted once, forever"),
  timestamp: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z" })
    .describe("When the call happened (ISO 8601 with offset); it picks the price in force"),
  provider: text().trim().min(1).max(64).describe("Provider of the model, e.g. openai, anthropic"),
  model: text().trim().min(1).max(200).describe("Model as the provider names it, e.g. gpt-4o-2024-08-06"),
  inputTokens: tokens.describe(
    "Input tokens billed at the input price: excludes cachedInputTokens and cacheWriteTokens",
  ),
  outputTokens: tokens.describe("Output tokens billed at the output price: excludes reasoningTokens"),
  cachedInputTokens: tokens.optional().describe("Input tokens read from the prompt cache"),
  cacheWriteTokens: tokens.optional().describe("Input tokens written to the prompt cache"),
  cacheTtl: z.enum(["5m", "1h"]).optional().describe("Cache-write lifetime; defaults to 5m"),
  reasoningTokens: tokens.optional().describe("Reasoning (thinking) tokens, billed at the reasoning or output price"),
  requests: z.number().int().min(1).max(100_000).optional().describe("Requests this event stands for; default 1"),
  images: z.number().int().min(0).max(100_000).optional().describe("Images generated or read, billed per image"),
  audioSeconds: z
    .number()
    .min(0)
    .max(86_400)
    .multipleOf(0.001, "at most 3 decimals")
    .optional()
    .describe("Seconds of audio, billed per second"),
  serviceTier: z
    .enum(["standard", "batch", "flex", "priority"])
    .optional()
    .describe("Provider service tier; defaults to standard"),
  team: label.optional().describe("Team that made the call"),
  feature: label.optional().describe("Product feature the call served"),
  customer: label.optional().describe("Your customer the call was for"),
  environment: label.optional().describe("Environment, e.g. production"),
  endUser: label.optional().describe("End user the call was for (counted distinct)"),
  tags: z
    .record(text().min(1).max(64), text().max(256))
    .refine((t) => Object.keys(t).length <= 20, "at most 20 tags")
    .optional()
    .describe("Up to 20 free-form tags (key ≤ 64, value ≤ 256 characters)"),
  latencyMs: z.number().int().min(0).max(3_600_000).optional().describe("Latency of the call in milliseconds"),
  status: z.enum(["success", "error"]).optional().describe("Outcome of the call; defaults to success"),
  requestId: text().min(1).max(200).optional().describe("The provider's request id, for reconciliation"),
  reservationId: text()
    .min(1)
    .max(100)
    .optional()
    .describe("The limits API reservation (rsv_…) this call settles: replaced by the event's actual cost, once"),
  cost: z
    .union([z.number().min(0).max(1_000_000), z.string().regex(/^\d{1,7}(\.\d{1,12})?$/, "a decimal string")])
    .optional()
    .describe(
      "Cost the caller computed, in USD; kept beside Burnrate's cost and flagged when they differ by more than 1%",
    ),
});

export type UsageEventInput = z.infer<typeof usageEventSchema>;

export const batchSchema = z.strictObject({
  events: z
    .array(z.unknown())
    .min(1, "send at least one event")
    .max(MAX_BATCH, `at most ${MAX_BATCH} events per request`),
});
