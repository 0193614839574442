import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";
import { timeZoneSchema } from "./budget-input";
import { budgetsChanged } from "./budgets-changed";
import { carryCurrentPeriod } from "./carry-current-period";
import { parseInput } from "./budget-view";
import { markBudgets } from "./mark-budgets";

/**
 * Sets the organisation's time zone (IANA), which places calendar budget periods; the current
 * periods' crossings and alerts carry over to the moved periods (nothing re-alerts); re-evaluates.
 */
export async function setOrganizationTimeZone(
  ctx: OrgContext,
  timeZone: unknown,
  now = new Date(),
): Promise<{ timeZone: string }> {
  const tz = parseInput(timeZoneSchema, timeZone);
  const wake = await db().$transaction(async (tx) => {
    const before = await tx.$queryRaw<{ timeZone: string }[]>`
      SELECT "timeZone" FROM organizations WHERE id = ${ctx.orgId} FOR UPDATE`;
    await tx.organization.update({ where: { id: ctx.orgId }, data: { timeZone: tz } });
    if (before[0]) await carryCurrentPeriod(tx, ctx.orgId, before[0].timeZone, tz, now);
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
  await budgetsChanged(ctx.orgId);
  await wake();
  return { timeZone: tz };
}
