import { enqueue } from "@/lib/queue/enqueue";

/**
 * The hook run after an ingest commit: wakes the rollup worker for this organisation.
 * At most one job per organisation per second; losing it loses nothing (the sweeper finds the work).
 */
export async function afterIngestCommit(orgId: string, _count: number): Promise<void> {
  const second = Math.floor(Date.now() / 1000);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("enqueue timed out (Redis unavailable?)")), ENQUEUE_TIMEOUT_MS);
  });
  try {
    await Promise.race([enqueue("rollup", { orgId }, { jobId: `rollup-${orgId}-${second}` }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const ENQUEUE_TIMEOUT_MS = 2_000;
