import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { issueSchema } from "@/lib/api/error-schema";
import { MAX_BATCH, usageEventSchema } from "@/lib/ingest/event-schema";
import { MAX_BODY_BYTES } from "@/lib/ingest/read-body";

const event = usageEventSchema.meta({ id: "UsageEvent" });
const rejected = z
  .array(
    z.object({
      index: z.number().int().describe("Position of the event in the batch"),
      eventId: z.string().nullable().describe("Its eventId, when it had a readable one"),
      issues: z.array(issueSchema).describe("What is wrong with it"),
    }),
  )
  .describe("Events refused, each with the fields at fault");
const counts = {
  accepted: z.number().int().describe("Events committed by this request"),
  duplicates: z.number().int().describe("Events already accepted earlier (same eventId), counted once"),
};

export const ingestEventsContract = defineContract({
  name: "events.ingest",
  method: "POST",
  path: "/api/v1/events",
  auth: { kind: "apiKey", scope: "ingest" },
  summary: "Ingest usage events",
  description: `One event or \`{ events: [...] }\` (at most ${MAX_BATCH.toLocaleString("en-US")}). Bodies over 5 MB (after gzip) get 413; send \`Content-Encoding: gzip\` to compress. A 2xx means the accepted events are committed. Idempotent on \`eventId\`: a retried event is counted once, forever.`,
  body: z.union([
    event,
    z
      .strictObject({
        events: z
          .array(event)
          .min(1)
          .max(MAX_BATCH)
          .describe(`1 to ${MAX_BATCH.toLocaleString("en-US")} usage events`),
      })
      .meta({ id: "EventBatch" }),
  ]),
  parseBody: false,
  maxBodyBytes: MAX_BODY_BYTES,
  responses: {
    202: z.object(counts).describe("Every event accepted (or a duplicate)"),
    207: z.object({ ...counts, rejected }).describe("Some events rejected; the valid ones are committed"),
    400: z
      .object({
        error: z
          .object({
            code: z.literal("invalid_request").describe("Error code"),
            message: z.string().describe("The first problem, readable"),
            issues: z.array(issueSchema).describe("Every field at fault"),
          })
          .describe("Why no event was accepted"),
        ...counts,
        rejected,
      })
      .describe("No event was valid, or the body is malformed"),
  },
  errors: {
    payload_too_large: "Body larger than 5 MB",
    unsupported_media_type: "Not application/json, or an unsupported Content-Encoding",
  },
});
