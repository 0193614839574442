import { withUser } from "@/lib/api/with-session";
import { importPricesContract } from "@/lib/contracts/prices";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isOperator } from "@/lib/operators/is-operator";
import { applyImport, previewImport } from "@/lib/pricing/import/apply-import";
import { parseImportContent } from "@/lib/pricing/import/import-input";

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
  if (!input.apply) return { applied: false, diff: await previewImport(entries, { replace: input.replace }) };
  const result = await applyImport(entries, { replace: input.replace });
  log.info(
    {
      operator: user.email,
      importId: result.importId,
      added: result.diff.added.length,
      changed: result.diff.changed.length,
    },
    "price catalog import applied",
  );
  return { applied: true, importId: result.importId, diff: result.diff };
});
