import { enqueue } from "@/lib/queue/enqueue";

const ENQUEUE_TIMEOUT_MS = 2_000;
/**
 * Rollup jobs are batched per organisation in windows of this length: the time from a 202 to its
 * rollup (and budgets, alerts) is at most one window plus the fold. 250 ms keeps alert latency
 * well under 2 s while an organisation ingesting continuously costs at most 4 fold jobs a second.
 */
export const ROLLUP_WINDOW_MS = 250;
/** Per organisation, the window for which this process last enqueued a rollup job. */
const lastEnqueued = new Map<string, number>();

/**
 * The hook run after an ingest commit: wakes the rollup worker for this organisation.
 * At most one job per organisation per window (the job id says which window), run when that window
 * is over, so it folds every batch committed during it; this process does not even ask Redis again
 * within a window it already enqueued for. Losing a job loses nothing: the sweeper finds deltas no
 * job folded.
 */
export async function afterIngestCommit(orgId: string, _count: number): Promise<void> {
  const now = Date.now();
  const window = Math.floor(now / ROLLUP_WINDOW_MS);
  if (lastEnqueued.get(orgId) === window) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("enqueue timed out (Redis unavailable?)")), ENQUEUE_TIMEOUT_MS);
  });
  try {
    await Promise.race([
      enqueue(
        "rollup",
        { orgId },
        { jobId: `rollup-${orgId}-${window}`, delay: (window + 1) * ROLLUP_WINDOW_MS - now },
      ),
      timeout,
    ]);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, only bounds the memory of a cache (docs/mutation.md)
    if (lastEnqueued.size > 10_000) lastEnqueued.clear();
    lastEnqueued.set(orgId, window);
  } finally {
    clearTimeout(timer);
  }
}
