import { log } from "@/lib/log";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import type { Processor } from "../registry";

/** Folds an organisation's pending rollup deltas; woken after each ingest commit. */
export const rollupProcessor: Processor<"rollup"> = {
  queue: "rollup",
  concurrency: 2,
  async handle({ orgId }, job) {
    const folded = await foldDeltas(orgId);
    if (folded > 0) log.debug({ orgId, jobId: job.id, folded }, "rollup folded");
    return { folded };
  },
};
