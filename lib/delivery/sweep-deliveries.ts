import { db } from "@/lib/db";
import { dispatchDeliveries } from "./dispatch-deliveries";
import { collectDueDigests } from "./send-due-digests";

/** A due delivery still pending this long after its time has lost its job (Redis flush, crash). */
const GRACE_MS = 3_000;

/**
 * The delivery safety net run by the maintenance job: re-enqueues overdue deliveries (Postgres is
 * the source of truth; a job per minute at most, a second job for one attempt is a no-op) and
 * sends the digests that are due.
 */
export async function sweepDeliveries(now = new Date()): Promise<{ requeued: number; digests: number }> {
  const overdue = await db().delivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: new Date(now.getTime() - GRACE_MS) } },
    select: { orgId: true, id: true, nextAttemptAt: true },
    orderBy: { nextAttemptAt: "asc" },
    take: 500,
  });
  await dispatchDeliveries(
    overdue.map((d) => ({ ...d, nextAttemptAt: d.nextAttemptAt })),
    `-sweep${Math.floor(now.getTime() / 60_000)}`,
  );
  const digests = await collectDueDigests(now);
  await dispatchDeliveries(digests);
  return { requeued: overdue.length, digests: digests.length };
}
