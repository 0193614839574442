import { withUser } from "@/lib/api/with-session";
import { decidePriceSyncContract } from "@/lib/contracts/price-sync";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isOperator } from "@/lib/operators/is-operator";
import { decideSyncRun } from "@/lib/pricing/sync/decide-sync-run";

/** Operator-only: approve (apply) or dismiss a pending price sync. */
export const POST = withUser(decidePriceSyncContract, async ({ user }, { body }) => {
  if (!isOperator(user.email)) throw AppError.notFound();
  const { run, repriceJobs } = await decideSyncRun(body.runId, body.decision, user.email, body.confirm);
  log.info({ operator: user.email, priceSyncRunId: run.id, decision: body.decision }, "price sync decided");
  return { run: { id: run.id, status: run.status }, repriceJobs };
});
