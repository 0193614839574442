import { AppError, invalidRequest } from "@/lib/errors";
import { batchSchema } from "./event-schema";

/** A body is one event object or `{ "events": [...] }`; returns the raw events and which form it was. */
export function splitIngestBody(body: unknown): { events: unknown[]; single: boolean } {
  if (Array.isArray(body) || body === null || typeof body !== "object") {
    throw new AppError("invalid_request", 'Body must be an event object or { "events": [...] }', [
      { path: "body", message: "expected an object" },
    ]);
  }
  if ("events" in body) {
    const parsed = batchSchema.safeParse(body);
    if (!parsed.success) throw invalidRequest(parsed.error);
    return { events: parsed.data.events, single: false };
  }
  return { events: [body], single: true };
}

/** In the single-event form, issue paths name the field itself (`model`, not `events[0].model`). */
export function unprefix(path: string): string {
  return path.replace(/^events\[0\]\.?/, "") || "body";
}
