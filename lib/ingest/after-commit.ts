import { enqueue } from "@/lib/queue/enqueue";

const ENQUEUE_TIMEOUT_MS = 2_000;
/** Per organisation, the second for which this process last enqueued a rollup job. */
const lastEnqueued = new Map<string, number>();

/**
 * The hook run after an ingest commit: wakes the rollup worker for this organisation.
 * At most one job per organisation per second (the job id says which second), run when that second
 * is over, so it folds every batch committed during it; this process does not even ask Redis again
 * within a second it already enqueued for. Losing a job loses nothing: the sweeper finds deltas no
 * job folded.
 */
export async function afterIngestCommit(orgId: string, _count: number): Promise<void> {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (lastEnqueued.get(orgId) === second) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("enqueue timed out (Redis unavailable?)")), ENQUEUE_TIMEOUT_MS);
  });
  try {
    await Promise.race([
      enqueue("rollup", { orgId }, { jobId: `rollup-${orgId}-${second}`, delay: (second + 1) * 1000 - now }),
      timeout,
    ]);
    if (lastEnqueued.size > 10_000) lastEnqueued.clear();
    lastEnqueued.set(orgId, second);
  } finally {
    clearTimeout(timer);
  }
}
