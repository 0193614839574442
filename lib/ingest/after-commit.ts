import { enqueue } from "@/lib/queue/enqueue";

/**
 * The hook run after an ingest commit: wakes the rollup worker for this organisation.
 * At most one job per organisation per second; losing it loses nothing (the sweeper finds the work).
 */
export async function afterIngestCommit(orgId: string, _count: number): Promise<void> {
  const second = Math.floor(Date.now() / 1000);
  await enqueue("rollup", { orgId }, { jobId: `rollup-${orgId}-${second}` });
}
