import { db } from "@/lib/db";
import { nextAttemptAfter } from "./retry-schedule";
import { type DeliveryToSend, errorMessage, type SendOutcome } from "./send-outcome";

/** How long a claimed attempt may run before the sweeper considers its worker dead. */
const LEASE_MS = 60_000;

/** How each kind of target is sent to (lib/webhooks sendWebhook, lib/notifications sendToChannel). */
export type DeliverySenders = {
  webhook: (d: DeliveryToSend, now: Date) => Promise<SendOutcome>;
  channel: (d: DeliveryToSend, now: Date) => Promise<SendOutcome>;
};

export type AttemptResult =
  | { outcome: "skipped" }
  | { outcome: "delivered" | "failed" }
  | { outcome: "retry"; retryAt: Date };

/**
 * Makes one attempt of a due delivery. The claim (moving nextAttemptAt past a lease) lets exactly
 * one worker attempt it, however many jobs point at it. The attempt is logged; the delivery
 * becomes delivered, failed (schedule exhausted or the target said stop), or pending again at the
 * next time of the retry schedule, returned so that the caller enqueues it.
 */
export async function attemptDelivery(
  orgId: string,
  deliveryId: string,
  senders: DeliverySenders,
  now = new Date(),
): Promise<AttemptResult> {
  const claim = await db().delivery.updateMany({
    where: { orgId, id: deliveryId, status: "pending", nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
  });
  if (claim.count === 0) return { outcome: "skipped" };
  const d = await db().delivery.findUniqueOrThrow({
    where: { orgId_id: { orgId, id: deliveryId } },
    include: { event: { select: { id: true, type: true, data: true, createdAt: true } } },
  });
  const send: DeliveryToSend = { orgId, id: d.id, targetId: d.targetId, event: d.event };
  const started = Date.now();
  let result: SendOutcome;
  try {
    result = await senders[d.target](send, now);
  } catch (err) {
    result = { ok: false, error: errorMessage(err) };
  }
  const failures = result.ok ? 0 : d.failures + 1;
  const retryAt = result.ok || result.giveUp ? null : nextAttemptAfter(failures, now);
  const status = result.ok ? "delivered" : retryAt ? "pending" : "failed";
  await db().$transaction([
    db().deliveryAttempt.create({
      data: {
        orgId,
        deliveryId,
        at: now,
        statusCode: result.statusCode ?? null,
        responseExcerpt: result.excerpt ?? null,
        error: result.error ?? null,
        durationMs: Date.now() - started,
      },
    }),
    // Still pending: a delivery cancelled meanwhile (its endpoint was disabled) stays cancelled.
    db().delivery.updateMany({
      where: { orgId, id: deliveryId, status: "pending" },
      data: {
        status,
        attemptCount: { increment: 1 },
        failures,
        nextAttemptAt: retryAt,
        deliveredAt: result.ok ? now : null,
        lastError: result.ok ? null : (result.error ?? `HTTP ${result.statusCode}`),
      },
    }),
  ]);
  return retryAt ? { outcome: "retry", retryAt } : { outcome: result.ok ? "delivered" : "failed" };
}
