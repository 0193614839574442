import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { OTLP_MAX_BODY_BYTES } from "@/lib/otel/read-otlp-body";

const partialSuccess = z
  .object({
    rejectedSpans: z.string().describe("How many GenAI spans were rejected (int64 as a decimal string)"),
    errorMessage: z.string().describe("Why: each rejected span's id and the attribute at fault (the first five)"),
  })
  .describe("Present only when some spans were rejected; the others are committed");

export const otlpTracesContract = defineContract({
  name: "otel.traces",
  method: "POST",
  path: "/api/otel/v1/traces",
  auth: { kind: "apiKey", scope: "ingest" },
  summary: "Ingest OpenTelemetry GenAI spans (OTLP/HTTP)",
  description:
    "An OTLP/HTTP trace export, `application/x-protobuf` (the exporters' default) or `application/json`, gzip or not (at most 5 MB decompressed). Spans with GenAI usage (`gen_ai.usage.*`, or OpenInference `llm.token_count.*`) become usage events, idempotent on the trace and span id; other spans, and agent spans around model calls, are ignored. Set `OTEL_EXPORTER_OTLP_ENDPOINT=<burnrate>/api/otel` and `OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer br_live_…`. Answers in the request's encoding: 200 with `partialSuccess` when some spans were rejected; errors are a google.rpc.Status (`code`, `message`; in JSON beside the usual `error`). Attribution: docs/opentelemetry.md.",
  body: z
    .object({
      resourceSpans: z
        .array(z.record(z.string(), z.unknown()))
        .describe("OTLP ResourceSpans: resource attributes and scopeSpans[].spans[]"),
    })
    .describe("ExportTraceServiceRequest (OTLP/JSON shown; the same message in protobuf)"),
  parseBody: false,
  maxBodyBytes: OTLP_MAX_BODY_BYTES,
  responses: {
    200: z
      .object({ partialSuccess: partialSuccess.optional() })
      .describe("ExportTraceServiceResponse: every usage span committed, or partial success"),
  },
  errors: {
    payload_too_large: "Body larger than 5 MB after decompression",
    unsupported_media_type: "Not application/x-protobuf or application/json, or an unsupported Content-Encoding",
  },
});
