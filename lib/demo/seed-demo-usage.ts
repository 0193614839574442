import { evaluateOrgAnomalies } from "@/lib/anomalies";
import { db } from "@/lib/db";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { demoUsage } from "./demo-usage";

/** Loads the demo usage once (skipped when the organisation already has events) and rolls it up. */
export async function seedDemoUsage(orgId: string): Promise<number> {
  if (await db().usageEvent.findFirst({ where: { orgId }, select: { id: true } })) return 0;
  let batch: unknown[] = [];
  let total = 0;
  for (const e of demoUsage()) {
    batch.push(e);
    if (batch.length === 1000) {
      total += (await ingestBatch(orgId, batch, {})).accepted;
      batch = [];
    }
  }
  if (batch.length) total += (await ingestBatch(orgId, batch, {})).accepted;
  await foldDeltas(orgId);
  // The worker judges the last 48 hours; the demo's spike (eight days ago) is found by one run over
  // its whole history, as if the worker had been running all along.
  await evaluateOrgAnomalies(orgId, new Date(), { evaluateHours: 30 * 24 });
  return total;
}
