import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";
import { overrideView } from "./override-response";

export async function listOverrides(ctx: OrgContext) {
  const rows = await db().priceOverride.findMany({
    where: { orgId: ctx.orgId },
    orderBy: [{ effectiveTo: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(overrideView);
}
