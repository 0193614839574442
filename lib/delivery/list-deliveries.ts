import { z } from "zod";
import { parseInput } from "@/lib/errors/parse-input";
import { db } from "@/lib/db";

export const listDeliveriesInput = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    /** The `nextCursor` of the previous page. */
    cursor: z.string().min(1).optional(),
  })
  .strict();
export type ListDeliveriesInput = z.input<typeof listDeliveriesInput>;

export type DeliveryAttemptView = {
  at: string;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  durationMs: number;
};

export type DeliveryView = {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
  createdAt: string;
  /** The latest attempts, newest first (at most 20). */
  attempts: DeliveryAttemptView[];
};

/** The deliveries to one target, newest first, keyset-paged (call after checking the target's org). */
export async function listDeliveries(
  orgId: string,
  targetId: string,
  input: ListDeliveriesInput = {},
): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
  const { limit, cursor } = parseInput(listDeliveriesInput, input);
  const rows = await db().delivery.findMany({
    where: { orgId, targetId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { orgId_id: { orgId, id: cursor } }, skip: 0 } : {}),
    include: {
      event: { select: { type: true } },
      attempts: { orderBy: { at: "desc" }, take: 20 },
    },
  });
  const page = rows.slice(0, limit);
  return {
    deliveries: page.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.event.type,
      status: d.status,
      attemptCount: d.attemptCount,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      attempts: d.attempts.map((a) => ({
        at: a.at.toISOString(),
        statusCode: a.statusCode,
        responseExcerpt: a.responseExcerpt,
        error: a.error,
        durationMs: a.durationMs,
      })),
    })),
    nextCursor: rows.length > limit ? rows[limit]!.id : null,
  };
}
