import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, keyset-paginated by id cursor. */
export async function listAudit(ctx: OrgContext, opts: { cursor?: string; limit?: number } = {}) {
  const take = Math.min(opts.limit ?? AUDIT_PAGE_SIZE, 200);
  const rows = await db().auditLog.findMany({
    where: { orgId: ctx.orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > take;
  const items = hasMore ? rows.slice(0, take) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}
