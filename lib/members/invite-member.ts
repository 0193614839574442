import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OrgContext } from "@/lib/tenancy/context";
import { assertMayOwn } from "@/lib/demo/demo-account";
import { assertMayGrant } from "./role-rules";

export const INVITE_TTL_DAYS = 7;

export const inviteMemberInput = z.strictObject({
  email: z.string().trim().toLowerCase().email("enter a valid email address").max(254),
  role: z.enum(["OWNER", "ADMIN", "FINANCE", "ENGINEER", "VIEWER"]),
});

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates an invite and returns its one-time token. Until mail delivery exists the inviter is
 * shown the link to pass on; only the token's hash is stored.
 */
export async function inviteMember(ctx: OrgContext, input: z.infer<typeof inviteMemberInput>) {
  assertMayGrant(ctx, input.role);
  if (input.role === "OWNER") assertMayOwn(input.email);
  const existing = await db().membership.findFirst({ where: { orgId: ctx.orgId, user: { email: input.email } } });
  if (existing)
    throw new AppError("conflict", `${input.email} is already a member`, [
      { path: "email", message: "already a member" },
    ]);
  const token = randomBytes(24).toString("base64url");
  const invite = await db().$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        orgId: ctx.orgId,
        email: input.email,
        role: input.role,
        tokenHash: hashInviteToken(token),
        invitedById: ctx.actor.type === "user" ? ctx.actor.userId : "",
        expiresAt: new Date(Date.now() + INVITE_TTL_DAYS * 86_400_000),
      },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    });
    await recordAudit(
      ctx,
      {
        action: "member.invited",
        targetType: "invite",
        targetId: created.id,
        metadata: { email: input.email, role: input.role },
      },
      tx,
    );
    return created;
  });
  return { ...invite, token };
}
