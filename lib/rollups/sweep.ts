import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { enqueue } from "@/lib/queue/enqueue";
import { foldDeltas, orgsWithStaleDeltas } from "./fold-deltas";

const STALE_DELTA_MS = 2_000;
const STUCK_REPRICE_MS = 30_000;
let partitionsCheckedAt = 0;

/**
 * The safety net that makes Redis non-essential: folds deltas no job picked up (e.g. Redis was
 * down at commit), restarts re-pricing runs that never started, and keeps monthly partitions ahead.
 */
export async function sweep(now = Date.now()): Promise<{ orgsFolded: number; repricesRequeued: number }> {
  const orgs = await orgsWithStaleDeltas(STALE_DELTA_MS);
  for (const orgId of orgs) await foldDeltas(orgId);
  const stuck = await db().repriceJob.findMany({
    where: { status: "queued", createdAt: { lt: new Date(now - STUCK_REPRICE_MS) } },
    select: { id: true },
    take: 20,
  });
  for (const j of stuck) await enqueue("reprice", { repriceJobId: j.id }, { jobId: `reprice-${j.id}-retry-${now}` });
  if (now - partitionsCheckedAt > 3_600_000) {
    await pgPool().query(`SELECT burnrate_ensure_usage_partitions(date_trunc('month', now())::date, 4)`);
    partitionsCheckedAt = now;
  }
  return { orgsFolded: orgs.length, repricesRequeued: stuck.length };
}
