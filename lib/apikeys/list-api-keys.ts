import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";
import { apiKeyPublicFields } from "./create-api-key";

export function listApiKeys(ctx: OrgContext) {
  return db().apiKey.findMany({
    where: { orgId: ctx.orgId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: apiKeyPublicFields,
  });
}
