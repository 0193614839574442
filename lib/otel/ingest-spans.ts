import { ingestBatch } from "@/lib/ingest/ingest-batch";
import type { Attribution } from "@/lib/ingest/prepare-events";
import type { AttributeKeys } from "./attribution";
import type { OtlpSpan } from "./decode-traces";
import { isBillableKind, type SpanUsage, spanToEvent, usageOf } from "./span-to-event";

export type SpanIngestResult = {
  /** Spans that became new usage events (committed). */
  accepted: number;
  /** Spans already ingested earlier (same trace and span id): counted once. */
  duplicates: number;
  /** Spans without GenAI usage, and agent/chain spans around model calls: not billed. */
  ignored: number;
  rejected: { spanId: string; message: string }[];
};

export type SpanIngestOptions = {
  keys: AttributeKeys;
  defaults: Attribution;
  allowBackfill?: boolean;
  apiKeyId?: string | null;
  now?: Date;
};

const key = (traceId: string, spanId: string) => `${traceId}:${spanId}`;

/**
 * Spans that carry usage but are not model calls, or that have a descendant in this export carrying
 * usage: an agent span that sums its LLM calls must not count them a second time.
 */
function aggregates(spans: OtlpSpan[], usage: Map<OtlpSpan, SpanUsage>): Set<OtlpSpan> {
  const byId = new Map(spans.map((s) => [key(s.traceId, s.spanId), s]));
  const out = new Set<OtlpSpan>();
  for (const s of spans) {
    if (!isBillableKind(s)) {
      out.add(s);
      continue;
    }
    if (usage.get(s) === null) continue;
    // Walk up: every ancestor in this export holds a model call below it. (Bounded by the span count
    // so a cycle in malformed input cannot loop.)
    let parent = s.parentSpanId ? byId.get(key(s.traceId, s.parentSpanId)) : undefined;
    for (let hops = 0; parent && hops < spans.length; hops++) {
      out.add(parent);
      parent = parent.parentSpanId ? byId.get(key(parent.traceId, parent.parentSpanId)) : undefined;
    }
  }
  return out;
}

/**
 * Turns an OTLP export into usage events through the one ingest path (validation, pricing, idempotency on
 * eventId = otel:<traceId>:<spanId>, commit before answering). Returns per-span outcomes for partial_success.
 */
export async function ingestSpans(orgId: string, spans: OtlpSpan[], opts: SpanIngestOptions) {
  const usage = new Map(spans.map((s) => [s, usageOf(s)]));
  const skip = aggregates(spans, usage);
  const result: SpanIngestResult = { accepted: 0, duplicates: 0, ignored: 0, rejected: [] };
  const events: Record<string, unknown>[] = [];
  const sources: OtlpSpan[] = [];
  for (const span of spans) {
    if (skip.has(span)) {
      result.ignored++;
      continue;
    }
    const outcome = spanToEvent(span, opts.keys, usage.get(span));
    if (outcome.kind === "ignored") result.ignored++;
    else if (outcome.kind === "rejected") result.rejected.push({ spanId: span.spanId, message: outcome.message });
    else {
      events.push(outcome.event);
      sources.push(span);
    }
  }
  if (events.length === 0) return result;
  const ingested = await ingestBatch(orgId, events, opts.defaults, {
    allowBackfill: opts.allowBackfill,
    apiKeyId: opts.apiKeyId ?? null,
    now: opts.now,
  });
  result.accepted = ingested.accepted;
  result.duplicates = ingested.duplicates;
  for (const r of ingested.rejected) {
    const issues = r.issues.map((i) => `${i.path.replace(/^events\[\d+\]\.?/, "") || "span"}: ${i.message}`);
    result.rejected.push({ spanId: sources[r.index]!.spanId, message: issues.join("; ") });
  }
  return result;
}

/** The OTLP partial_success message: how many spans were rejected and why (the first five). */
export function rejectionMessage(rejected: SpanIngestResult["rejected"]): string {
  const shown = rejected.slice(0, 5).map((r) => `span ${r.spanId || "(no id)"}: ${r.message}`);
  const more = rejected.length > 5 ? `; and ${rejected.length - 5} more` : "";
  return `${rejected.length} span(s) rejected: ${shown.join("; ")}${more}`;
}
