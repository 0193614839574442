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
  eventId: text().min(1, "is required").max(128, "must be at most 128 characters"),
  timestamp: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z" }),
  provider: text().trim().min(1).max(64),
  model: text().trim().min(1).max(200),
  inputTokens: tokens.describe(
    "Input tokens billed at the input price: excludes cachedInputTokens and cacheWriteTokens",
  ),
  outputTokens: tokens.describe("Output tokens billed at the output price: excludes reasoningTokens"),
  cachedInputTokens: tokens.optional().describe("Input tokens read from the prompt cache"),
  cacheWriteTokens: tokens.optional().describe("Input tokens written to the prompt cache"),
  cacheTtl: z.enum(["5m", "1h"]).optional().describe("Cache-write lifetime; defaults to 5m"),
  reasoningTokens: tokens.optional().describe("Reasoning (thinking) tokens, billed at the reasoning or output price"),
  requests: z.number().int().min(1).max(100_000).optional().describe("Requests this event stands for; default 1"),
  images: z.number().int().min(0).max(100_000).optional(),
  audioSeconds: z.number().min(0).max(86_400).multipleOf(0.001, "at most 3 decimals").optional(),
  serviceTier: z.enum(["standard", "batch", "flex", "priority"]).optional(),
  team: label.optional(),
  feature: label.optional(),
  customer: label.optional(),
  environment: label.optional(),
  endUser: label.optional(),
  tags: z
    .record(text().min(1).max(64), text().max(256))
    .refine((t) => Object.keys(t).length <= 20, "at most 20 tags")
    .optional(),
  latencyMs: z.number().int().min(0).max(3_600_000).optional(),
  status: z.enum(["success", "error"]).optional(),
  requestId: text().min(1).max(200).optional(),
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
