import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { dispatchDeliveries } from "./dispatch-deliveries";

/**
 * Sends a delivery again now (the same event id, so receivers can de-duplicate), with a fresh
 * retry schedule; its attempt log is kept. A delivery being attempted right now is left alone.
 */
export async function replayDelivery(orgId: string, targetId: string, deliveryId: string, now = new Date()) {
  const { count } = await db().delivery.updateMany({
    where: {
      orgId,
      id: deliveryId,
      targetId,
      OR: [{ status: { in: ["delivered", "failed", "cancelled"] } }, { status: "pending", nextAttemptAt: { gt: now } }],
    },
    data: { status: "pending", nextAttemptAt: now, failures: 0, deliveredAt: null },
  });
  if (count === 0) {
    const exists = await db().delivery.count({ where: { orgId, id: deliveryId, targetId } });
    throw exists
      ? new AppError("conflict", "This delivery is being sent right now")
      : AppError.notFound("Delivery not found");
  }
  await dispatchDeliveries([{ orgId, id: deliveryId, nextAttemptAt: now }], "-replay");
}
