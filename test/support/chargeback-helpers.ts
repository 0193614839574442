import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { costing } from "./budget-helpers";

/** Ingests events of house-7b costing `usd` each at `at` (backfill allowed), then folds the rollups. */
export async function spendAt(orgId: string, items: [usd: string, at: string, attribution?: Record<string, string>][]) {
  const events = items.map(([usd, at, attribution]) => costing(usd, new Date(at), attribution ?? {}));
  const r = await ingestBatch(orgId, events, {}, { allowBackfill: true });
  if (r.accepted !== events.length) throw new Error(`events refused: ${JSON.stringify(r.rejected)}`);
  await foldDeltas(orgId);
}
