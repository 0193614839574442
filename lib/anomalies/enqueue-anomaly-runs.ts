import { pgPool } from "@/lib/db/pg-pool";
import { enqueue } from "@/lib/queue/enqueue";

/** How often each organisation is evaluated (the anomalies schedule's period). */
export const ANOMALY_RUN_EVERY_MS = 5 * 60_000;

/**
 * The schedule's tick: one anomalies job per organisation with spend in the last 8 weeks, each
 * with a job id per 5-minute slot so that a repeated tick adds nothing.
 */
export async function enqueueAnomalyRuns(now = new Date()): Promise<number> {
  const { rows } = await pgPool().query<{ id: string }>(
    `SELECT o.id FROM organizations o
      WHERE EXISTS (SELECT 1 FROM spend_rollups r WHERE r."orgId" = o.id AND r.hour >= $1)`,
    [new Date(now.getTime() - 56 * 86_400_000)],
  );
  const slot = Math.floor(now.getTime() / ANOMALY_RUN_EVERY_MS);
  for (const { id } of rows)
    await enqueue("anomalies", { orgId: id }, { jobId: `anomalies-${id}-${slot}`, attempts: 2 });
  return rows.length;
}
