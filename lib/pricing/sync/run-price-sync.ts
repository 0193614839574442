import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { applyImport } from "../import/apply-import";
import { parsePriceFile } from "../import/parse-price-file";
import { previewImport } from "../import/preview-import";
import { fetchPriceSource, withoutSecrets } from "./fetch-price-source";
import { notifyOperatorsOfPendingSync } from "./notify-operators";
import { storedDiff } from "./stored-diff";

export type SyncOptions = {
  /** The run an operator requested; without it a scheduled run is created. */
  runId?: string;
  /** Overrides BURNRATE_PRICE_SYNC_AUTO_APPLY. */
  autoApply?: boolean;
};

/**
 * One price sync: fetches BURNRATE_PRICE_SYNC_URL (LiteLLM map or Burnrate catalog JSON), compares
 * it with the catalog like an import (never removing models) and records the run: no_changes,
 * pending (a diff for an operator to approve; the operators are emailed), applied (only with
 * BURNRATE_PRICE_SYNC_AUTO_APPLY=true and no change the sanity checks flag) or failed. A newer
 * pending run supersedes an older one. Safe to redeliver: a run that is no longer queued is left.
 */
export async function runPriceSync(opts: SyncOptions = {}) {
  const url = env().BURNRATE_PRICE_SYNC_URL;
  const runs = db().priceSyncRun;
  if (!url) {
    if (opts.runId)
      await runs.updateMany({
        where: { id: opts.runId, status: "queued" },
        data: { status: "failed", error: "BURNRATE_PRICE_SYNC_URL is not set", finishedAt: new Date() },
      });
    return null;
  }
  const run = opts.runId
    ? await runs.findUnique({ where: { id: opts.runId } })
    : await runs.create({ data: { trigger: "schedule", sourceUrl: withoutSecrets(url) } });
  if (!run) return null;
  const claimed = await runs.updateMany({ where: { id: run.id, status: "queued" }, data: { status: "running" } });
  if (claimed.count === 0) return runs.findUnique({ where: { id: run.id } });
  try {
    const text = await fetchPriceSource(url);
    const entries = parsePriceFile(text);
    const diff = await previewImport(entries, { replace: false });
    const changes = diff.added.length + diff.changed.length;
    const base = { contentHash: createHash("sha256").update(text).digest("hex"), finishedAt: new Date() };
    if (changes === 0)
      return runs.update({ where: { id: run.id }, data: { ...base, status: "no_changes", diff: storedDiff(diff) } });
    const autoApply = opts.autoApply ?? env().BURNRATE_PRICE_SYNC_AUTO_APPLY;
    if (autoApply && diff.issues.length === 0) {
      const applied = await applyImport(entries, { replace: false });
      return runs.update({
        where: { id: run.id },
        data: {
          ...base,
          status: "applied",
          diff: storedDiff(applied.diff),
          importId: applied.importId,
          decidedBy: "auto",
          decidedAt: new Date(),
        },
      });
    }
    await runs.updateMany({ where: { status: "pending" }, data: { status: "superseded" } });
    const pending = await runs.update({
      where: { id: run.id },
      data: { ...base, status: "pending", diff: storedDiff(diff), entries: entries as object[], issues: diff.issues },
    });
    await notifyOperatorsOfPendingSync({ id: run.id, changes, issues: diff.issues.length });
    return pending;
  } catch (err) {
    log.warn({ err, priceSyncRunId: run.id }, "price sync failed");
    const message = err instanceof Error ? err.message : String(err);
    return runs.update({
      where: { id: run.id },
      data: { status: "failed", error: message.slice(0, 1000), finishedAt: new Date() },
    });
  }
}
