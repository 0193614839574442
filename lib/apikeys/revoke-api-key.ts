import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { publishKeyRevoked } from "./api-key-cache";
import type { OrgContext } from "@/lib/tenancy/context";

/** Revokes a key of this organisation; a key of another organisation is "not found". */
export async function revokeApiKey(ctx: OrgContext, keyId: string) {
  const revoked = await db().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, orgId: ctx.orgId } });
    if (!key) throw AppError.notFound("API key not found");
    if (key.revokedAt) return key;
    const revoked = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordAudit(
      ctx,
      { action: "api_key.revoked", targetType: "api_key", targetId: key.id, metadata: { name: key.name } },
      tx,
    );
    return revoked;
  });
  // Processes that cache keys (the limits API) drop it now.
  await publishKeyRevoked(revoked.id);
  return revoked;
}
