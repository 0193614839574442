import type { Prisma } from "@/lib/db";
import type { DueDelivery } from "./dispatch-deliveries";

type Tx = Prisma.TransactionClient;

export type Target = { target: "webhook" | "channel"; targetId: string; digest?: boolean };

export type PublishedEvent = { orgId: string; eventId: string; deliveries: DueDelivery[] };

/** Writes an outbox event and one delivery per target in the caller's transaction. */
export async function insertEvent(
  tx: Tx,
  orgId: string,
  type: string,
  data: Prisma.InputJsonObject,
  targets: Target[],
  now = new Date(),
): Promise<PublishedEvent> {
  const event = await tx.outboxEvent.create({ data: { orgId, type, data, createdAt: now }, select: { id: true } });
  if (targets.length === 0) return { orgId, eventId: event.id, deliveries: [] };
  const rows = await tx.delivery.createManyAndReturn({
    data: targets.map((t) => ({
      orgId,
      eventId: event.id,
      target: t.target,
      targetId: t.targetId,
      status: t.digest ? ("digest_pending" as const) : ("pending" as const),
      nextAttemptAt: t.digest ? null : now,
      createdAt: now,
    })),
    select: { id: true, nextAttemptAt: true },
  });
  return {
    orgId,
    eventId: event.id,
    deliveries: rows.map((r) => ({ orgId, id: r.id, nextAttemptAt: r.nextAttemptAt })),
  };
}
