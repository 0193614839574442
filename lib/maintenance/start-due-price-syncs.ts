import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/queue/enqueue";

const STUCK_MS = 60_000;
const DAILY_MS = 25 * 3_600_000;

/**
 * The price sync's safety net: re-enqueues requested runs still queued after a minute (their job
 * was lost), and enqueues the daily sync when BURNRATE_PRICE_SYNC_URL is set and no run started in
 * the last 25 hours (the schedule lives in Redis). Returns how many jobs it enqueued.
 */
export async function startDuePriceSyncs(now = Date.now()): Promise<number> {
  if (!env().BURNRATE_PRICE_SYNC_URL) return 0;
  const stuck = await db().priceSyncRun.findMany({
    where: { status: "queued", createdAt: { lt: new Date(now - STUCK_MS) } },
    select: { id: true },
    take: 5,
  });
  for (const r of stuck) await enqueue("priceSync", { runId: r.id }, { jobId: `price-sync-${r.id}-retry-${now}` });
  const recent = await db().priceSyncRun.count({ where: { createdAt: { gte: new Date(now - DAILY_MS) } } });
  if (recent > 0) return stuck.length;
  const hour = Math.floor(now / 3_600_000);
  await enqueue("priceSync", {}, { jobId: `price-sync-daily-${hour}` });
  return stuck.length + 1;
}
