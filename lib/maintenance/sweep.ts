import { sweepBudgets } from "@/lib/budgets/sweep-budgets";
import { sweepDeliveries } from "@/lib/delivery/sweep-deliveries";
import { expireReservations } from "@/lib/limits/release-reservation";
import { foldDeltas, orgsWithStaleDeltas } from "@/lib/rollups/fold-deltas";
import { ensurePartitions } from "./ensure-partitions";
import { requeueStuckReprices } from "./requeue-stuck-reprices";
import { startDuePriceSyncs } from "./start-due-price-syncs";

const STALE_DELTA_MS = 2_000;

/**
 * The safety net that makes Redis non-essential: folds deltas no job picked up (e.g. Redis was
 * down at commit), evaluates budgets whose job was lost and resolves alerts of ended periods, restarts
 * re-pricing runs that never started, keeps monthly partitions ahead, and re-enqueues due deliveries
 * whose job was lost (and sends the daily digests that are due), starts a price sync that is due, and
 * expires limits API reservations nobody settled or released.
 */
export async function sweep(now = Date.now()) {
  const orgs = await orgsWithStaleDeltas(STALE_DELTA_MS);
  for (const orgId of orgs) await foldDeltas(orgId);
  const repricesRequeued = await requeueStuckReprices(now);
  const budgets = await sweepBudgets(new Date(now));
  await ensurePartitions(now);
  const { requeued: deliveriesRequeued, digests } = await sweepDeliveries(new Date(now));
  const priceSyncs = await startDuePriceSyncs(now);
  const reservationsExpired = await expireReservations(new Date(now));
  return {
    orgsFolded: orgs.length,
    repricesRequeued,
    ...budgets,
    deliveriesRequeued,
    digests,
    priceSyncs,
    reservationsExpired,
  };
}
