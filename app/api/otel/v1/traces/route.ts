import { shedWhenBusy } from "@/lib/api/shed-load";
import { withOtlp } from "@/lib/api/with-otlp";
import { otlpTracesContract } from "@/lib/contracts/otel";
import { env } from "@/lib/env";
import { attributeKeysFrom } from "@/lib/otel/attribution";
import { decodeTraces } from "@/lib/otel/decode-traces";
import { ingestSpans, rejectionMessage } from "@/lib/otel/ingest-spans";

export const dynamic = "force-dynamic";

/**
 * POST /api/otel/v1/traces: OTLP/HTTP traces (protobuf or JSON). GenAI spans become usage events through
 * the ingest path; a 200 means they are committed. Load shedding as for /api/v1/events (503 + Retry-After).
 */
export const POST = shedWhenBusy(
  withOtlp(otlpTracesContract, async (ctx, { req, bytes, encoding }) => {
    const keys = attributeKeysFrom(req.headers);
    const spans = decodeTraces(bytes, encoding);
    const result = await ingestSpans(ctx.orgId, spans, {
      keys,
      defaults: ctx.defaultAttribution,
      allowBackfill: ctx.allowBackfill,
      apiKeyId: ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : null,
    });
    return {
      rejectedSpans: result.rejected.length,
      errorMessage: result.rejected.length ? rejectionMessage(result.rejected) : "",
    };
  }),
  () => env().INGEST_MAX_IN_FLIGHT,
);
