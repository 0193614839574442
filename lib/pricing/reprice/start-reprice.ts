import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { enqueue } from "@/lib/queue/enqueue";
import type { OrgContext } from "@/lib/tenancy/context";

export type RepriceScope = { provider: string | null; model: string | null; from: Date | null; to?: Date | null };

/** Records a re-pricing run and queues it; the worker reports progress on the row. */
export async function startReprice(ctx: Pick<OrgContext, "orgId">, scope: RepriceScope) {
  const job = await db().repriceJob.create({
    data: { orgId: ctx.orgId, provider: scope.provider, model: scope.model, from: scope.from, to: scope.to ?? null },
    select: { id: true, status: true },
  });
  // A few seconds' delay lets every web process's price cache expire first (see load-price-book).
  await enqueue("reprice", { repriceJobId: job.id }, { jobId: `reprice-${job.id}`, delay: 3_500 }).catch(
    (err: unknown) =>
      log.warn({ err, repriceJobId: job.id }, "could not enqueue re-pricing; the sweeper will start it"),
  );
  return job;
}
