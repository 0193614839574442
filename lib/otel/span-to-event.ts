import {
  fromGenAiAttributes,
  fromOpenInferenceAttributes,
  type TokenUsage,
  TokenUsageError,
} from "@/sdk/src/token-usage";
import { type AttributeKeys, attributeValue, DIMENSIONS } from "./attribution";
import type { OtlpSpan } from "./decode-traces";

/** GenAI operations that wrap other calls (an agent around its LLM calls): never billed themselves. */
const AGGREGATE_OPERATIONS = new Set(["invoke_agent", "create_agent", "execute_tool", "invoke_workflow"]);
/** OpenInference span kinds that are model calls; AGENT, CHAIN, TOOL, … wrap them. */
const BILLED_OPENINFERENCE_KINDS = new Set(["LLM", "EMBEDDING"]);

/** gen_ai.provider.name values (and the older gen_ai.system) → Burnrate's provider names. */
const PROVIDERS: Record<string, string> = {
  "azure.ai.openai": "openai",
  az_ai_openai: "openai",
  "gcp.gemini": "google",
  "gcp.gen_ai": "google",
  gemini: "google",
  "gcp.vertex_ai": "vertex_ai",
  vertex_ai: "vertex_ai",
  mistral_ai: "mistral",
  x_ai: "xai",
  "aws.bedrock": "bedrock",
};

const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

export type SpanOutcome =
  | { kind: "ignored" }
  | { kind: "rejected"; message: string }
  | { kind: "event"; event: Record<string, unknown> };

export type SpanUsage = TokenUsage | null | TokenUsageError;

/**
 * The span's token usage: null when it carries none, a TokenUsageError when its counts cannot be right
 * (GenAI semantic conventions first, then OpenInference). Read once per span.
 */
export function usageOf(span: OtlpSpan): SpanUsage {
  try {
    return fromGenAiAttributes(span.attributes) ?? fromOpenInferenceAttributes(span.attributes);
  } catch (err) {
    if (err instanceof TokenUsageError) return err;
    throw err;
  }
}

/** Whether a span is a model call that may be billed (not an agent/tool/chain span around model calls). */
export function isBillableKind(span: OtlpSpan): boolean {
  const op = str(span.attributes["gen_ai.operation.name"]);
  if (op && AGGREGATE_OPERATIONS.has(op)) return false;
  const oi = str(span.attributes["openinference.span.kind"]);
  return !oi || BILLED_OPENINFERENCE_KINDS.has(oi.toUpperCase());
}

/** The idempotency key of a span: a re-export of the same span is the same event. */
export const spanEventId = (span: OtlpSpan) => `otel:${span.traceId}:${span.spanId}`;

/**
 * One billable span → a usage event as POST /api/v1/events takes it (validated and priced by the ingest).
 * Model: gen_ai.response.model (the one billed), else gen_ai.request.model, else llm.model_name.
 */
export function spanToEvent(span: OtlpSpan, keys: AttributeKeys, usage: SpanUsage = usageOf(span)): SpanOutcome {
  if (usage instanceof TokenUsageError) return { kind: "rejected", message: usage.message };
  if (!usage) return { kind: "ignored" };
  const a = span.attributes;
  if (!/^[0-9a-f]{32}$/.test(span.traceId) || /^0+$/.test(span.traceId)) {
    return { kind: "rejected", message: "traceId: must be 16 bytes, not all zero" };
  }
  if (!/^[0-9a-f]{16}$/.test(span.spanId) || /^0+$/.test(span.spanId)) {
    return { kind: "rejected", message: "spanId: must be 8 bytes, not all zero" };
  }
  if (span.startNs === 0n) return { kind: "rejected", message: "startTimeUnixNano: is required" };
  const model = str(a["gen_ai.response.model"]) ?? str(a["gen_ai.request.model"]) ?? str(a["llm.model_name"]);
  if (!model) return { kind: "rejected", message: "gen_ai.response.model: is required (or gen_ai.request.model)" };
  const rawProvider =
    str(a["gen_ai.provider.name"]) ?? str(a["gen_ai.system"]) ?? str(a["llm.provider"]) ?? str(a["llm.system"]);
  if (!rawProvider) return { kind: "rejected", message: "gen_ai.provider.name: is required (or gen_ai.system)" };
  const provider = PROVIDERS[rawProvider.toLowerCase()] ?? rawProvider.toLowerCase();

  const attribution: Record<string, string> = {};
  for (const d of DIMENSIONS) {
    const v = attributeValue(keys[d], a, span.resource);
    if (v !== undefined) attribution[d] = v;
  }
  const tags: Record<string, string> = {};
  const service = str(span.resource["service.name"]);
  if (service) tags["service.name"] = service.slice(0, 256);
  const op = str(a["gen_ai.operation.name"]);
  if (op) tags["gen_ai.operation.name"] = op.slice(0, 256);
  const latencyNs = span.endNs > span.startNs ? span.endNs - span.startNs : null;
  const latencyMs = latencyNs === null ? undefined : Math.round(Number(latencyNs) / 1e6);
  const requestId = str(a["gen_ai.response.id"]);
  return {
    kind: "event",
    event: {
      eventId: spanEventId(span),
      timestamp: new Date(Number(span.startNs / 1_000_000n)).toISOString(),
      provider,
      model,
      ...usage,
      ...attribution,
      ...(Object.keys(tags).length ? { tags } : {}),
      ...(latencyMs !== undefined && latencyMs <= 3_600_000 ? { latencyMs } : {}),
      status: span.statusCode === 2 ? "error" : "success",
      ...(requestId ? { requestId: requestId.slice(0, 200) } : {}),
    },
  };
}
