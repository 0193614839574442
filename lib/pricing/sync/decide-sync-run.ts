import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CatalogEntry } from "../catalog-schema";
import { applyImport } from "../import/apply-import";
import { storedDiff } from "./stored-diff";

/**
 * An operator's decision on a pending sync. `apply` re-plans the fetched entries against the
 * catalog as it is now (never removing models) and applies them as new versions, refusing the
 * changes the sanity checks flag unless `confirm`; `dismiss` drops the run. Only one decision wins.
 */
export async function decideSyncRun(runId: string, decision: "apply" | "dismiss", operator: string, confirm = false) {
  const runs = db().priceSyncRun;
  const run = await runs.findUnique({ where: { id: runId } });
  if (!run) throw AppError.notFound("No such price sync");
  const next = decision === "apply" ? "applying" : "dismissed";
  const claimed = await runs.updateMany({
    where: { id: runId, status: "pending" },
    data: { status: next, decidedBy: operator, decidedAt: new Date() },
  });
  if (claimed.count === 0) throw new AppError("conflict", `This price sync is ${run.status}, not pending`);
  if (decision === "dismiss") return { run: await runs.findUniqueOrThrow({ where: { id: runId } }), repriceJobs: 0 };
  try {
    const result = await applyImport(run.entries as CatalogEntry[], { replace: false, confirm });
    const applied = await runs.update({
      where: { id: runId },
      data: { status: "applied", importId: result.importId, diff: storedDiff(result.diff), finishedAt: new Date() },
    });
    return { run: applied, repriceJobs: result.repriceJobs };
  } catch (err) {
    await runs.update({ where: { id: runId }, data: { status: "pending", decidedBy: null, decidedAt: null } });
    throw err;
  }
}
