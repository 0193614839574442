import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { publishKeyRevoked } from "@/lib/apikeys/api-key-cache";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { endAllSessions } from "@/lib/auth/session-version";
import { assertMayOwn } from "@/lib/demo/demo-account";
import type { OrgContext } from "@/lib/tenancy/context";
import { assertMayChangeMember, assertMayGrant } from "./role-rules";

export const changeRoleInput = z.strictObject({ role: z.enum(["OWNER", "ADMIN", "FINANCE", "ENGINEER", "VIEWER"]) });

async function loadMember(tx: Prisma.TransactionClient, ctx: OrgContext, membershipId: string) {
  const member = await tx.membership.findFirst({
    where: { id: membershipId, orgId: ctx.orgId },
    include: { user: { select: { email: true } } },
  });
  if (!member) throw AppError.notFound("Member not found");
  return member;
}

async function assertOwnerRemains(tx: Prisma.TransactionClient, ctx: OrgContext, leavingId: string) {
  const owners = await tx.membership.count({ where: { orgId: ctx.orgId, role: "OWNER", id: { not: leavingId } } });
  if (owners === 0) throw new AppError("conflict", "An organisation needs at least one owner");
}

export async function changeMemberRole(ctx: OrgContext, membershipId: string, input: z.infer<typeof changeRoleInput>) {
  assertMayGrant(ctx, input.role);
  return db().$transaction(async (tx) => {
    const member = await loadMember(tx, ctx, membershipId);
    assertMayChangeMember(ctx, member.role);
    if (input.role === "OWNER") assertMayOwn(member.user.email, "role");
    if (member.role === "OWNER" && input.role !== "OWNER") await assertOwnerRemains(tx, ctx, member.id);
    const updated = await tx.membership.update({
      where: { id: member.id },
      data: { role: input.role },
      select: { id: true, role: true },
    });
    await recordAudit(
      ctx,
      {
        action: "member.role_changed",
        targetType: "membership",
        targetId: member.id,
        metadata: { email: member.user.email, from: member.role, to: input.role },
      },
      tx,
    );
    return updated;
  });
}

/**
 * Removes a member. In the same transaction the API keys they created in this organisation are revoked
 * (a key must not outlive its creator's access) and every session of theirs ends, so that a copy of a
 * session cookie cannot keep acting on what the removal took away.
 */
export async function removeMember(ctx: OrgContext, membershipId: string) {
  const revokedKeyIds = await db().$transaction(async (tx) => {
    const member = await loadMember(tx, ctx, membershipId);
    assertMayChangeMember(ctx, member.role);
    if (member.role === "OWNER") await assertOwnerRemains(tx, ctx, member.id);
    await tx.membership.delete({ where: { id: member.id } });
    const keys = await tx.apiKey.findMany({
      where: { orgId: ctx.orgId, createdById: member.userId, revokedAt: null },
      select: { id: true, name: true },
    });
    await tx.apiKey.updateMany({
      where: { id: { in: keys.map((k) => k.id) }, orgId: ctx.orgId },
      data: { revokedAt: new Date() },
    });
    await endAllSessions(member.userId, tx);
    await recordAudit(
      ctx,
      {
        action: "member.removed",
        targetType: "membership",
        targetId: member.id,
        metadata: { email: member.user.email, role: member.role, revokedApiKeys: keys.map((k) => k.name) },
      },
      tx,
    );
    return keys.map((k) => k.id);
  });
  for (const id of revokedKeyIds) await publishKeyRevoked(id);
}
