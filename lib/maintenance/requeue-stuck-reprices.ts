import { db } from "@/lib/db";
import { enqueue } from "@/lib/queue/enqueue";

const STUCK_REPRICE_MS = 30_000;

/** Re-enqueues re-pricing runs still queued after 30 s (their job was lost); returns how many. */
export async function requeueStuckReprices(now = Date.now()): Promise<number> {
  const stuck = await db().repriceJob.findMany({
    where: { status: "queued", createdAt: { lt: new Date(now - STUCK_REPRICE_MS) } },
    select: { id: true },
    take: 20,
  });
  for (const j of stuck) await enqueue("reprice", { repriceJobId: j.id }, { jobId: `reprice-${j.id}-retry-${now}` });
  return stuck.length;
}
