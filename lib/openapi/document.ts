import { z } from "zod";
import { errorCodeSchema } from "@/lib/errors";
import { batchSchema, MAX_BATCH, usageEventSchema } from "@/lib/ingest/event-schema";
import pkg from "@/package.json" with { type: "json" };

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", io: "input", unrepresentable: "any" });

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: {
          type: "string",
          enum: [...errorCodeSchema.options],
        },
        message: { type: "string" },
        issues: { type: "array", items: { $ref: "#/components/schemas/Issue" } },
      },
    },
  },
};

const rejected = {
  type: "array",
  items: {
    type: "object",
    properties: {
      index: { type: "integer" },
      eventId: { type: ["string", "null"] },
      issues: { type: "array", items: { $ref: "#/components/schemas/Issue" } },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** OpenAPI 3.1 for the public API, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  const event = schema(usageEventSchema);
  return {
    openapi: "3.1.0",
    info: {
      title: "Burnrate API",
      version: pkg.version,
      description:
        "Post LLM usage events; Burnrate prices them exactly from a versioned catalog. Authenticate with `Authorization: Bearer br_live_…`. Money is returned as exact decimal strings in USD.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key of your organisation (scopes: ingest, read, admin)",
        },
      },
      schemas: {
        UsageEvent: event,
        EventBatch: {
          ...schema(batchSchema),
          properties: {
            events: { type: "array", maxItems: MAX_BATCH, items: { $ref: "#/components/schemas/UsageEvent" } },
          },
        },
        Issue: {
          type: "object",
          required: ["path", "message"],
          properties: { path: { type: "string", examples: ["events[3].model"] }, message: { type: "string" } },
        },
        Error: errorSchema,
      },
    },
    paths: {
      "/api/v1/events": {
        post: {
          operationId: "ingestEvents",
          summary: "Ingest usage events",
          description:
            "One event or `{ events: [...] }` (at most 1,000). Bodies over 5 MB (after gzip) get 413. A 2xx means the accepted events are committed. Idempotent on `eventId`: a retried event is counted once, forever.",
          parameters: [
            { name: "Content-Encoding", in: "header", required: false, schema: { type: "string", enum: ["gzip"] } },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [{ $ref: "#/components/schemas/UsageEvent" }, { $ref: "#/components/schemas/EventBatch" }],
                },
              },
            },
          },
          responses: {
            "202": {
              description: "Every event accepted (or a duplicate)",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { accepted: { type: "integer" }, duplicates: { type: "integer" } },
                  },
                },
              },
            },
            "207": {
              description: "Some events rejected; the valid ones are committed",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { accepted: { type: "integer" }, duplicates: { type: "integer" }, rejected },
                  },
                },
              },
            },
            "400": errorResponse("No event was valid, or the body is malformed"),
            "401": errorResponse("Missing, invalid or revoked API key"),
            "403": errorResponse("The key lacks the ingest scope"),
            "413": errorResponse("Body larger than 5 MB"),
            "415": errorResponse("Not application/json, or an unsupported Content-Encoding"),
            "429": errorResponse("Rate limit exceeded; see Retry-After"),
          },
        },
      },
    },
  };
}
