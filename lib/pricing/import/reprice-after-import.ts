import { db } from "@/lib/db";
import { startReprice } from "../reprice/start-reprice";

/**
 * A catalog change re-prices the events it affects in every organisation that has events from
 * `from` on (one run per organisation; a run only rewrites events whose cost changes). Returns how
 * many runs were queued.
 */
export async function repriceAfterImport(from: Date): Promise<number> {
  const orgs = await db().$queryRaw<{ orgId: string }[]>`
    SELECT DISTINCT "orgId" FROM usage_events WHERE "timestamp" >= ${from}`;
  for (const o of orgs) await startReprice({ orgId: o.orgId }, { provider: null, model: null, from });
  return orgs.length;
}
