import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { loadPriceBook } from "@/lib/pricing/load-price-book";
import { afterIngestCommit } from "./after-commit";
import type { EventRow } from "./event-row";
import { insertEvents } from "./insert-events";
import { prepareEvents, type Attribution, type Rejection } from "./prepare-events";

export type IngestResult = { accepted: number; duplicates: number; rejected: Rejection[] };
/** `allowBackfill`: the organisation's setting when the caller already read it (the API key lookup does). */
/** `apiKeyId`: the key that sent the batch (endUser/apiKey budgets count spend per key). */
export type IngestOptions = { now?: Date; allowBackfill?: boolean; apiKeyId?: string | null };

async function orgAllowsBackfill(orgId: string): Promise<boolean> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { allowBackfill: true } });
  return org.allowBackfill;
}

/** Same eventId twice in one batch: the first counts, the rest are duplicates. */
function dedupe(rows: EventRow[]): { unique: EventRow[]; repeated: number } {
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(r.eventId) && seen.add(r.eventId));
  return { unique, repeated: rows.length - unique.length };
}

/**
 * Validates, prices and commits a batch for one organisation. Returns only after the accepted
 * events are committed; rollup work is enqueued after commit and never blocks or fails the ingest.
 */
export async function ingestBatch(
  orgId: string,
  raw: unknown[],
  defaults: Attribution,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const now = opts.now ?? new Date();
  const [allowBackfill, book] = await Promise.all([
    opts.allowBackfill ?? orgAllowsBackfill(orgId),
    loadPriceBook(orgId),
  ]);
  const { rows, rejected } = prepareEvents(raw, { now, allowBackfill, defaults, book });
  const { unique, repeated } = dedupe(rows);
  const inserted = await insertEvents(orgId, unique, opts.apiKeyId ?? null);
  if (inserted > 0) {
    afterIngestCommit(orgId, inserted).catch((err: unknown) =>
      log.warn({ err, orgId }, "could not enqueue rollup; the sweeper will pick it up"),
    );
  }
  return { accepted: inserted, duplicates: unique.length - inserted + repeated, rejected };
}
