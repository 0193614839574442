import { enqueueAnomalyRuns, evaluateOrgAnomalies } from "@/lib/anomalies";
import { log } from "@/lib/log";
import type { Processor } from "../registry";

/** The 5-minute tick (no orgId) fans out one job per organisation; each job runs its detection. */
export const anomaliesProcessor: Processor<"anomalies"> = {
  queue: "anomalies",
  concurrency: 1,
  async handle({ orgId }, job) {
    if (!orgId) return { organisations: await enqueueAnomalyRuns() };
    const out = await evaluateOrgAnomalies(orgId);
    if (out.opened + out.resolved + out.notified > 0) log.info({ orgId, jobId: job.id, ...out }, "anomalies");
    return out;
  },
};
