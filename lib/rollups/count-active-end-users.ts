import { z } from "zod";
import { pgPool } from "@/lib/db/pg-pool";
import type { OrgContext } from "@/lib/tenancy/context";

/** The longest range counted: the count scans raw events, so a year-0000-to-9999 range must not reach it. */
export const MAX_ACTIVE_END_USERS_DAYS = 400;

export const activeEndUsersQuery = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).describe("Start of the range"),
    to: z.iso
      .datetime({ offset: true })
      .describe(`End of the range (exclusive), at most ${MAX_ACTIVE_END_USERS_DAYS} days after from`),
  })
  .superRefine((q, ctx) => {
    const span = Date.parse(q.to) - Date.parse(q.from);
    if (!(span > 0)) ctx.addIssue({ code: "custom", path: ["from"], message: "must be before to" });
    else if (span > MAX_ACTIVE_END_USERS_DAYS * 86_400_000)
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        message: `range is limited to ${MAX_ACTIVE_END_USERS_DAYS} days`,
      });
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
