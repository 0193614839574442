import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/current-user";
import { assertMayOwn } from "@/lib/demo/demo-account";
import { userContext } from "@/lib/tenancy/context";
import { hashInviteToken } from "./invite-member";

/** Looks an invite up by its token for the accept page (no tenant data beyond the org name). */
export async function findInvite(token: string) {
  const invite = await db().invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      org: { select: { name: true, slug: true } },
    },
  });
  if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt < new Date()) return null;
  return invite;
}

/** The signed-in user whose email the invite names joins the organisation. */
export async function acceptInvite(user: SessionUser, token: string) {
  return db().$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { tokenHash: hashInviteToken(token) }, include: { org: true } });
    if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt < new Date())
      throw AppError.notFound("Invite not found or expired");
    if (invite.email !== user.email.toLowerCase()) {
      throw new AppError("forbidden", `This invite is for ${invite.email}; sign in with that address`);
    }
    if (invite.role === "OWNER") assertMayOwn(user.email);
    const account = await tx.user.findUnique({ where: { id: user.id }, select: { emailVerifiedAt: true } });
    if (!account?.emailVerifiedAt) {
      throw new AppError("forbidden", "Confirm your email address first (see the link we sent you), then accept", [
        { path: "email", message: "not verified" },
      ]);
    }
    await tx.membership.upsert({
      where: { orgId_userId: { orgId: invite.orgId, userId: user.id } },
      create: { orgId: invite.orgId, userId: user.id, role: invite.role },
      update: {},
    });
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedAt: new Date() } });
    await recordAudit(
      userContext(invite.org, user, invite.role),
      {
        action: "member.joined",
        targetType: "invite",
        targetId: invite.id,
        metadata: { email: user.email, role: invite.role },
      },
      tx,
    );
    return { slug: invite.org.slug };
  });
}
