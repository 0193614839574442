import { withUser } from "@/lib/api/with-session";
import { publicDiff } from "@/lib/contracts/price-diff";
import { importPricesContract } from "@/lib/contracts/prices";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isOperator } from "@/lib/operators/is-operator";
import { applyImport } from "@/lib/pricing/import/apply-import";
import { parseImportContent } from "@/lib/pricing/import/import-input";
import { previewImport } from "@/lib/pricing/import/preview-import";

/** Operator-only: preview (default) or apply a catalog import. Non-operators get 404. */
export const POST = withUser(importPricesContract, async ({ user }, { body: input }) => {
  if (!(await isOperator(user.id))) throw AppError.notFound();
  let entries: ReturnType<typeof parseImportContent>;
  try {
    entries = parseImportContent(input.format, input.content);
  } catch (err) {
    throw new AppError("invalid_request", "The file could not be read", [
      { path: "content", message: err instanceof Error ? err.message : "unreadable" },
    ]);
  }
  if (!input.apply)
    return { applied: false, diff: publicDiff(await previewImport(entries, { replace: input.replace })) };
  const result = await applyImport(entries, { replace: input.replace, confirm: input.confirm });
  log.info(
    {
      operator: user.email,
      importId: result.importId,
      added: result.diff.added.length,
      changed: result.diff.changed.length,
      confirmed: result.diff.issues.length,
    },
    "price catalog import applied",
  );
  return {
    applied: true,
    importId: result.importId,
    repriceJobs: result.repriceJobs,
    diff: publicDiff(result.diff),
  };
});
