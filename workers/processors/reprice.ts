import { db } from "@/lib/db";
import { runReprice } from "@/lib/pricing/reprice/run-reprice";
import type { Processor } from "../registry";

export const repriceProcessor: Processor<"reprice"> = {
  queue: "reprice",
  concurrency: 1,
  async handle({ repriceJobId }) {
    try {
      await runReprice(repriceJobId);
    } catch (err) {
      await db().repriceJob.update({
        where: { id: repriceJobId },
        data: { status: "failed", error: err instanceof Error ? err.message : String(err) },
      });
      throw err;
    }
  },
};
