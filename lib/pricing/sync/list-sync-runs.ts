import { withoutSecrets } from "./fetch-price-source";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/** Where a URL points without its query (which may hold a token). */

/** The sync configuration and the 10 newest runs (the pending one, if any, first). */
export async function listSyncRuns() {
  const { BURNRATE_PRICE_SYNC_URL: url, BURNRATE_PRICE_SYNC_AUTO_APPLY: autoApply } = env();
  const rows = await db().priceSyncRun.findMany({ orderBy: { createdAt: "desc" }, take: 10 });
  const runs = rows
    .map((r) => ({
      id: r.id,
      trigger: r.trigger,
      status: r.status,
      sourceUrl: withoutSecrets(r.sourceUrl),
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      error: r.error,
      importId: r.importId,
      diff: r.diff as never,
    }))
    .sort((a, b) => Number(b.status === "pending") - Number(a.status === "pending"));
  return { configured: !!url, autoApply, sourceUrl: url ? withoutSecrets(url) : null, runs };
}
