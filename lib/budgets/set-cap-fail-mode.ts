import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetsChanged } from "./budgets-changed";
import { parseInput } from "./budget-view";

export const capFailModeSchema = z.strictObject({
  failMode: z
    .enum(["open", "closed"])
    .describe(
      'What the limits API answers when Postgres is down: "open" allows the call (and alerts), "closed" refuses it',
    ),
});

/** Sets the organisation's cap fail mode (audited); every process's limits cache hears it. */
export async function setCapFailMode(ctx: OrgContext, input: unknown): Promise<{ failMode: "open" | "closed" }> {
  const { failMode } = parseInput(capFailModeSchema, input);
  await db().$transaction(async (tx) => {
    await tx.organization.update({ where: { id: ctx.orgId }, data: { capFailMode: failMode } });
    await recordAudit(
      ctx,
      {
        action: "organization.cap_fail_mode_set",
        targetType: "organization",
        targetId: ctx.orgId,
        metadata: { failMode },
      },
      tx,
    );
  });
  await budgetsChanged(ctx.orgId);
  return { failMode };
}
