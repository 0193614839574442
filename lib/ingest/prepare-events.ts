import type { Issue } from "@/lib/errors";
import { zodIssues } from "@/lib/errors";
import type { PriceBook } from "@/lib/pricing/price-book";
import { priceUsage } from "@/lib/pricing/price-usage";
import { usageEventSchema, type UsageEventInput } from "./event-schema";
import type { EventRow } from "./event-row";
import { costMismatch, reportedCostPico } from "@/lib/pricing/reported-cost";

export const FUTURE_TOLERANCE_MS = 5 * 60_000;
export const BACKFILL_DAYS = 35;

export type Rejection = { index: number; eventId: string | null; issues: Issue[] };
export type Attribution = Partial<Record<"team" | "feature" | "customer" | "environment", string>>;
export type PrepareOptions = { now: Date; allowBackfill: boolean; defaults: Attribution; book: PriceBook };

function timestampIssue(e: UsageEventInput, ts: Date, opts: PrepareOptions): string | null {
  if (ts.getTime() > opts.now.getTime() + FUTURE_TOLERANCE_MS) return "must not be more than 5 minutes in the future";
  if (!opts.allowBackfill && ts.getTime() < opts.now.getTime() - BACKFILL_DAYS * 86_400_000) {
    return `must not be older than ${BACKFILL_DAYS} days (this organisation does not allow backfill)`;
  }
  return null;
}

/** Validates, attributes and prices each event; invalid ones are reported by index, never dropped silently. */
export function prepareEvents(raw: unknown[], opts: PrepareOptions): { rows: EventRow[]; rejected: Rejection[] } {
  const rows: EventRow[] = [];
  const rejected: Rejection[] = [];
  for (const [index, candidate] of raw.entries()) {
    const eventId =
      typeof (candidate as { eventId?: unknown })?.eventId === "string"
        ? (candidate as { eventId: string }).eventId
        : null;
    const parsed = usageEventSchema.safeParse(candidate);
    if (!parsed.success) {
      rejected.push({ index, eventId, issues: zodIssues(parsed.error, ["events", index]) });
      continue;
    }
    const e = parsed.data;
    const ts = new Date(e.timestamp);
    const tsIssue = timestampIssue(e, ts, opts);
    if (tsIssue) {
      rejected.push({ index, eventId, issues: [{ path: `events[${index}].timestamp`, message: tsIssue }] });
      continue;
    }
    rows.push(toRow(e, ts, opts));
  }
  return { rows, rejected };
}

function toRow(e: UsageEventInput, ts: Date, opts: PrepareOptions): EventRow {
  const usage = {
    inputTokens: e.inputTokens,
    outputTokens: e.outputTokens,
    cachedInputTokens: e.cachedInputTokens ?? 0,
    cacheWriteTokens: e.cacheWriteTokens ?? 0,
    cacheTtl: e.cacheTtl ?? "5m",
    reasoningTokens: e.reasoningTokens ?? 0,
    requests: e.requests ?? 1,
    images: e.images ?? 0,
    audioSeconds: e.audioSeconds ?? 0,
    serviceTier: e.serviceTier ?? "standard",
  } as const;
  const audioMillis = Math.round(usage.audioSeconds * 1000);
  const { cost, pricedModel } = priceUsage(opts.book, e.model, e.provider, ts, usage, audioMillis);
  const reported = e.cost === undefined ? null : reportedCostPico(e.cost);
  return {
    eventId: e.eventId,
    timestamp: ts,
    provider: e.provider,
    model: e.model,
    pricedModel,
    ...usage,
    cacheTtl: e.cacheWriteTokens ? usage.cacheTtl : null,
    audioMillis,
    team: e.team ?? opts.defaults.team ?? null,
    feature: e.feature ?? opts.defaults.feature ?? null,
    customer: e.customer ?? opts.defaults.customer ?? null,
    environment: e.environment ?? opts.defaults.environment ?? null,
    endUser: e.endUser ?? null,
    tags: e.tags ?? null,
    latencyMs: e.latencyMs ?? null,
    status: e.status ?? "success",
    requestId: e.requestId ?? null,
    reservationId: e.reservationId ?? null,
    costPico: cost,
    reportedCostPico: reported,
    costMismatch: costMismatch(cost, reported),
  };
}
