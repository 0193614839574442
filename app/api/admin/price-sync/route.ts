import { withUser } from "@/lib/api/with-session";
import { listPriceSyncContract, runPriceSyncContract } from "@/lib/contracts/price-sync";
import { AppError } from "@/lib/errors";
import { isOperator } from "@/lib/operators/is-operator";
import { listSyncRuns } from "@/lib/pricing/sync/list-sync-runs";
import { requestPriceSync } from "@/lib/pricing/sync/request-price-sync";

/** Operator-only: the sync's configuration and recent runs. Non-operators get 404. */
export const GET = withUser(listPriceSyncContract, async ({ user }) => {
  if (!isOperator(user.email)) throw AppError.notFound();
  return listSyncRuns();
});

/** Operator-only: sync now. */
export const POST = withUser(runPriceSyncContract, async ({ user }) => {
  if (!isOperator(user.email)) throw AppError.notFound();
  const run = await requestPriceSync();
  return { run: { id: run.id, status: run.status } };
});
