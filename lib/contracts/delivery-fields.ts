import { z } from "zod";
import { defineContract, type RouteContract } from "@/lib/api/define-contract";
import type { Permission } from "@/lib/auth/permissions";
import { listDeliveriesInput } from "@/lib/delivery/list-deliveries";
import { id, nullableTimestamp, timestamp } from "./fields";

/** One delivery of an event to a webhook endpoint or a channel, with its latest attempts. */
export const deliverySchema = z.object({
  id: id("Delivery id"),
  eventId: id("Id of the event (the `webhook-id` header; the same on a replay)"),
  eventType: z.string().describe("Type of the event, e.g. budget.threshold_reached or channel.test"),
  status: z
    .string()
    .describe(
      "pending (due at nextAttemptAt), delivered, failed (retries exhausted or endpoint disabled), digest_pending, digested or cancelled",
    ),
  attemptCount: z.number().int().describe("Attempts made so far"),
  nextAttemptAt: nullableTimestamp("When the next attempt is due; null when none is"),
  deliveredAt: nullableTimestamp("When an attempt succeeded"),
  lastError: z.string().nullable().describe("Why the last attempt failed, if it did"),
  createdAt: timestamp("When the delivery was created"),
  attempts: z
    .array(
      z.object({
        at: timestamp("When the attempt was made"),
        statusCode: z.number().int().nullable().describe("HTTP status answered (null: no answer)"),
        responseExcerpt: z.string().nullable().describe("The first characters of the response body"),
        error: z.string().nullable().describe("Network or SMTP error, if any"),
        durationMs: z.number().int().describe("How long the attempt took, in milliseconds"),
      }),
    )
    .describe("The latest attempts, newest first (at most 20)"),
});

export const deliveriesPageSchema = z.object({
  deliveries: z.array(deliverySchema).describe("Deliveries, newest first"),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
});

export const deliveriesQuery = z
  .object({
    limit: listDeliveriesInput.shape.limit.describe("Deliveries per page (1-100, default 25)"),
    cursor: listDeliveriesInput.shape.cursor.describe("The `nextCursor` of the previous page"),
  })
  .strict();

type Shared = Omit<RouteContract, "name" | "path" | "auth">;

/**
 * The same operation twice: under /api/v1 for API keys with the `admin` scope, and under
 * /api/orgs/{org} for the dashboard session with `permission`.
 */
export function adminAndSession<const N extends string, const P extends `/${string}`, const S extends Shared>(
  name: N,
  path: P,
  permission: Permission,
  shared: S,
) {
  return {
    v1: defineContract({ ...shared, name, path: `/api/v1${path}`, auth: { kind: "apiKey", scope: "admin" } } as const),
    session: defineContract({
      ...shared,
      name: `${name}.dashboard`,
      path: `/api/orgs/{org}${path}`,
      auth: { kind: "session", permission },
    } as const),
  };
}
