import { log } from "@/lib/log";
import { enqueue } from "@/lib/queue/enqueue";

export type DueDelivery = { orgId: string; id: string; nextAttemptAt: Date | null };

/**
 * Enqueues one `notifications` job per delivery, delayed to its nextAttemptAt. The job id is the
 * delivery and its due time, so a second dispatch of the same attempt is a no-op. Call after the
 * transaction that wrote the deliveries committed; a failed enqueue (Redis down) is only logged:
 * the maintenance sweeper finds due deliveries in Postgres.
 */
export async function dispatchDeliveries(deliveries: DueDelivery[], suffix = ""): Promise<void> {
  for (const d of deliveries) {
    if (!d.nextAttemptAt) continue;
    try {
      await enqueue(
        "notifications",
        { orgId: d.orgId, deliveryId: d.id },
        {
          jobId: `d-${d.id}-${d.nextAttemptAt.getTime()}${suffix}`,
          delay: Math.max(0, d.nextAttemptAt.getTime() - Date.now()),
          attempts: 3,
          backoff: { type: "exponential", delay: 1_000 },
        },
      );
    } catch (err) {
      log.warn({ err, orgId: d.orgId, deliveryId: d.id }, "could not enqueue a delivery; the sweeper will");
    }
  }
}
