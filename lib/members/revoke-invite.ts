import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OrgContext } from "@/lib/tenancy/context";

/** Revokes a pending invite of this organisation; its link stops working at once. */
export async function revokeInvite(ctx: OrgContext, inviteId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const invite = await tx.invite.findFirst({ where: { id: inviteId, orgId: ctx.orgId } });
    if (!invite) throw AppError.notFound("Invite not found");
    if (invite.acceptedAt)
      throw new AppError("conflict", "This invite was already accepted; remove the member instead");
    if (invite.revokedAt) return;
    await tx.invite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } });
    await recordAudit(
      ctx,
      {
        action: "member.invite_revoked",
        targetType: "invite",
        targetId: invite.id,
        metadata: { email: invite.email, role: invite.role },
      },
      tx,
    );
  });
}
