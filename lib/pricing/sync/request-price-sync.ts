import { withoutSecrets } from "./fetch-price-source";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { enqueue } from "@/lib/queue/enqueue";

/** An operator's "sync now": records a queued run and hands it to the worker (the sweeper re-queues a lost job). */
export async function requestPriceSync() {
  const url = env().BURNRATE_PRICE_SYNC_URL;
  if (!url) throw new AppError("conflict", "BURNRATE_PRICE_SYNC_URL is not set: there is nothing to sync from");
  const run = await db().priceSyncRun.create({ data: { trigger: "manual", sourceUrl: withoutSecrets(url) } });
  await enqueue("priceSync", { runId: run.id }, { jobId: `price-sync-${run.id}` }).catch((err: unknown) =>
    log.warn({ err, priceSyncRunId: run.id }, "could not enqueue the price sync; the sweeper will start it"),
  );
  return run;
}
