import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";

export async function listMembers(ctx: OrgContext) {
  const [members, invites] = await Promise.all([
    db().membership.findMany({
      where: { orgId: ctx.orgId },
      orderBy: { createdAt: "asc" },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    }),
    db().invite.findMany({
      where: { orgId: ctx.orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    }),
  ]);
  return { members, invites };
}
