import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";
import { apiKeyPublicFields } from "./create-api-key";

/** Every key of the organisation, active first, each with the account that created it (null: headless init). */
export async function listApiKeys(ctx: OrgContext) {
  const keys = await db().apiKey.findMany({
    where: { orgId: ctx.orgId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { ...apiKeyPublicFields, createdById: true },
  });
  const creatorIds = [...new Set(keys.flatMap((k) => (k.createdById ? [k.createdById] : [])))];
  const creators = new Map(
    (await db().user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, email: true } })).map((u) => [
      u.id,
      u,
    ]),
  );
  return keys.map(({ createdById, ...key }) => ({
    ...key,
    createdBy: createdById ? (creators.get(createdById) ?? { id: createdById, email: null }) : null,
  }));
}
