import { db, type Prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { enqueue } from "@/lib/queue/enqueue";

/**
 * Asks for an evaluation of the organisation's budgets from `fromHour` (a budget was created or
 * changed): writes the mark the rollup fold also writes, in the caller's transaction, so the
 * sweeper evaluates it even if the job below is lost. Returns the enqueue to run after commit.
 */
export async function markBudgets(tx: Prisma.TransactionClient, orgId: string, fromHour = new Date()) {
  const rows = await tx.$queryRaw<{ version: bigint }[]>`
    INSERT INTO budget_marks ("orgId", "fromHour", version)
    VALUES (${orgId}, ${fromHour}, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
    ON CONFLICT ("orgId") DO UPDATE SET "fromHour" = least(budget_marks."fromHour", EXCLUDED."fromHour"),
      version = greatest(budget_marks.version + 1, EXCLUDED.version), "markedAt" = now()
    RETURNING version`;
  const version = rows[0]!.version;
  return () =>
    enqueue("budgets", { orgId }, { jobId: `budgets-${orgId}-${version}` }).catch((err: unknown) =>
      log.warn({ err, orgId }, "could not enqueue budgets; the sweeper will evaluate the mark"),
    );
}

/** markBudgets in a transaction of its own, then the enqueue. */
export async function requestBudgetEvaluation(orgId: string): Promise<void> {
  const wake = await db().$transaction((tx) => markBudgets(tx, orgId));
  await wake();
}
