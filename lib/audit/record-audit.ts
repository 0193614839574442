import { db, type Prisma } from "@/lib/db";
import { actorLabel, type OrgContext } from "@/lib/tenancy/context";

type Tx = Prisma.TransactionClient;

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId?: string | null;
  metadata?: Prisma.InputJsonObject;
};

/** Records who did what to which object, in the caller's transaction when given one. */
export async function recordAudit(ctx: OrgContext, entry: AuditEntry, tx: Tx = db()): Promise<void> {
  await tx.auditLog.create({
    data: {
      orgId: ctx.orgId,
      actorUserId: ctx.actor.type === "user" ? ctx.actor.userId : null,
      actorApiKeyId: ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : null,
      actorLabel: actorLabel(ctx.actor),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      metadata: entry.metadata ?? {},
    },
  });
}
