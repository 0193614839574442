import { z } from "zod";

/** The events Burnrate publishes to webhooks and channels (one enum: API, OpenAPI and UI read it). */
export const eventTypeSchema = z.enum([
  "budget.threshold_reached",
  "budget.forecast_exceeded",
  "budget.capped",
  "budget.released",
  "limits.degraded",
  "anomaly.detected",
  "anomaly.resolved",
  "chargeback.invoice_held",
]);
export type EventType = z.infer<typeof eventTypeSchema>;

/** Events only channels receive: a "send a test" message and a channel's daily digest. */
export type InternalEventType = "channel.test" | "channel.digest";

/** The body of every delivery: `{type, timestamp, data}` with amounts as decimal strings. */
export function eventPayload(event: { type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: event.data });
}
