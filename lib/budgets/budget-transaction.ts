import { db, type Prisma } from "@/lib/db";
import { dispatchPublished, type PublishedEvent } from "@/lib/delivery/publish-event";
import { log } from "@/lib/log";

/**
 * The evaluator's transaction: SQL with positional parameters (as the evaluator writes it) and
 * the Prisma transaction client delivery's publishEvent writes the outbox through, so that a
 * crossing, its alert and its outbox event commit together. `published` collects the events to
 * dispatch once the transaction has committed.
 */
export type BudgetTx = {
  query<R>(sql: string, params: unknown[]): Promise<{ rows: R[] }>;
  prisma: Prisma.TransactionClient;
  published: PublishedEvent[];
};

export async function inBudgetTransaction<T>(work: (tx: BudgetTx) => Promise<T>): Promise<T> {
  const published: PublishedEvent[] = [];
  const out = await db().$transaction(
    async (prisma) =>
      work({
        prisma,
        published,
        query: async <R>(sql: string, params: unknown[]) => ({
          rows: await prisma.$queryRawUnsafe<R[]>(sql, ...params),
        }),
      }),
    { maxWait: 30_000, timeout: 60_000 },
  );
  // After the commit; if Redis is down the delivery sweep finds the due deliveries within seconds.
  await dispatchPublished(...published).catch((err) => log.warn({ err }, "budget alert dispatch deferred"));
  return out;
}
