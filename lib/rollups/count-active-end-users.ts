import { z } from "zod";
import { pgPool } from "@/lib/db/pg-pool";
import type { OrgContext } from "@/lib/tenancy/context";

export const activeEndUsersQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});

/**
 * Distinct end users with usage in [from, to): a count over raw events (distinct counts do not
 * add up across rollup buckets), scanned through the primary key's ("orgId", "timestamp") prefix.
 */
export async function countActiveEndUsers(ctx: Pick<OrgContext, "orgId">, from: Date, to: Date): Promise<number> {
  const { rows } = await pgPool().query<{ n: number }>(
    `SELECT count(DISTINCT "endUser")::int AS n FROM usage_events
      WHERE "orgId" = $1 AND "timestamp" >= $2 AND "timestamp" < $3 AND "endUser" IS NOT NULL`,
    [ctx.orgId, from, to],
  );
  return rows[0]!.n;
}
