import { db } from "@/lib/db";
import type { OrgContext } from "@/lib/tenancy/context";
import { createBudgetSchema, toPico } from "./budget-input";
import { periodAt, previousPeriod } from "./budget-period";
import type { ScopedSource } from "./budget-spend";
import { parseInput } from "./budget-view";

/**
 * A budget being written (not saved), as the preview and the cap dry run read it: the validated
 * definition, its amount in pico units, the current and last period in the organisation's time
 * zone, and where an endUser/apiKey scope is read from (scoped spend once kept, else the events).
 */
export async function readDraftBudget(ctx: OrgContext, input: unknown, now: Date, extra: { hardCap?: boolean } = {}) {
  const b = parseInput(createBudgetSchema, { name: "draft", ...(input as object), ...extra });
  const org = await db().organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { timeZone: true, tracksScopedSpend: true },
  });
  const source: ScopedSource = org.tracksScopedSpend ? "scoped_spend" : "events";
  const spec = { period: b.period, startDay: b.startDay };
  const current = periodAt(spec, org.timeZone, now);
  return { b, amountPico: toPico(b.amount), source, current, last: previousPeriod(spec, org.timeZone, current) };
}
