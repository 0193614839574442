import { pgPool } from "@/lib/db/pg-pool";

let partitionsCheckedAt = 0;

/** Keeps the monthly usage_events partitions four months ahead; checks at most once an hour. */
export async function ensurePartitions(now = Date.now()): Promise<void> {
  if (now - partitionsCheckedAt <= 3_600_000) return;
  await pgPool().query(`SELECT burnrate_ensure_usage_partitions(date_trunc('month', now())::date, 4)`);
  partitionsCheckedAt = now;
}
