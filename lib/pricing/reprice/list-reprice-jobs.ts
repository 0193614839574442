import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";

export function listRepriceJobs(ctx: OrgContext) {
  return db().repriceJob.findMany({ where: { orgId: ctx.orgId }, orderBy: { createdAt: "desc" }, take: 20 });
}
