import { runPriceSync } from "@/lib/pricing/sync/run-price-sync";
import type { Processor } from "../registry";

/** The daily price sync (scheduled, no run yet) and operators' "sync now" (their run). */
export const priceSyncProcessor: Processor<"priceSync"> = {
  queue: "priceSync",
  concurrency: 1,
  handle: async ({ runId }) => {
    const run = await runPriceSync({ runId });
    return run ? { runId: run.id, status: run.status } : { status: "disabled" };
  },
};
