import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";

export const AUDIT_PAGE_SIZE = 50;

/** Narrows the log: who acted (`user:<id>` or `apiKey:<id>`), the action, and a time range `[from, to)`. */
export type AuditFilter = { actor?: string; action?: string; from?: string; to?: string };

function actorWhere(actor: string | undefined): Prisma.AuditLogWhereInput {
  if (!actor) return {};
  const [kind, id] = [actor.slice(0, actor.indexOf(":")), actor.slice(actor.indexOf(":") + 1)];
  if (kind === "user" && id) return { actorUserId: id };
  if (kind === "apiKey" && id) return { actorApiKeyId: id };
  throw AppError.invalid("actor", "must be user:<id> or apiKey:<id>, as listed in filters.actors");
}

/** Newest first, keyset-paginated by the id of the last entry of the previous page; always within `ctx`'s org. */
export async function listAudit(ctx: OrgContext, opts: AuditFilter & { cursor?: string; limit?: number } = {}) {
  const take = Math.min(opts.limit ?? AUDIT_PAGE_SIZE, 200);
  if (opts.from && opts.to && new Date(opts.from) >= new Date(opts.to)) {
    throw AppError.invalid("to", "must be after from");
  }
  const where: Prisma.AuditLogWhereInput = {
    orgId: ctx.orgId,
    ...actorWhere(opts.actor),
    ...(opts.action ? { action: opts.action } : {}),
    ...(opts.from || opts.to
      ? {
          createdAt: {
            ...(opts.from ? { gte: new Date(opts.from) } : {}),
            ...(opts.to ? { lt: new Date(opts.to) } : {}),
          },
        }
      : {}),
  };
  const after = opts.cursor
    ? await db().auditLog.findFirst({
        where: { orgId: ctx.orgId, id: opts.cursor },
        select: { id: true, createdAt: true },
      })
    : null;
  if (opts.cursor && !after) throw AppError.invalid("cursor", "not a cursor of this log: start from the first page");
  const rows = await db().auditLog.findMany({
    where: after
      ? {
          AND: [
            where,
            {
              OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
            },
          ],
        }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const hasMore = rows.length > take;
  const items = hasMore ? rows.slice(0, take) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null, filters: await auditFilters(ctx) };
}

/** The actions and actors that occur in the organisation's log, for the filter menus. */
async function auditFilters(ctx: OrgContext) {
  const [actions, actors] = await Promise.all([
    db().auditLog.groupBy({ by: ["action"], where: { orgId: ctx.orgId }, orderBy: { action: "asc" } }),
    db().auditLog.groupBy({
      by: ["actorUserId", "actorApiKeyId", "actorLabel"],
      where: { orgId: ctx.orgId },
      orderBy: { actorLabel: "asc" },
    }),
  ]);
  const seen = new Map<string, string>();
  for (const a of actors) {
    const value = a.actorUserId ? `user:${a.actorUserId}` : a.actorApiKeyId ? `apiKey:${a.actorApiKeyId}` : null;
    if (value && !seen.has(value)) seen.set(value, a.actorLabel);
  }
  return {
    actions: actions.map((a) => a.action),
    actors: [...seen].map(([value, label]) => ({ value, label })),
  };
}
