import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";
import { timeZoneSchema } from "./budget-input";
import { parseInput } from "./budget-view";
import { markBudgets } from "./mark-budgets";

/** Sets the organisation's time zone (IANA), which places calendar budget periods; re-evaluates budgets. */
export async function setOrganizationTimeZone(ctx: OrgContext, timeZone: unknown): Promise<{ timeZone: string }> {
  const tz = parseInput(timeZoneSchema, timeZone);
  const wake = await db().$transaction(async (tx) => {
    await tx.organization.update({ where: { id: ctx.orgId }, data: { timeZone: tz } });
    await recordAudit(
      ctx,
      {
        action: "organization.time_zone_set",
        targetType: "organization",
        targetId: ctx.orgId,
        metadata: { timeZone: tz },
      },
      tx,
    );
    return markBudgets(tx, ctx.orgId);
  });
  await wake();
  return { timeZone: tz };
}
