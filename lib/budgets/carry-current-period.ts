import type { Prisma } from "@/lib/db";
import { type PeriodSpec, periodAt } from "./budget-period";

/**
 * When the organisation's time zone changes, the current period of every budget moves by the
 * difference of the offsets: what was crossed and alerted in the current period carries over to the
 * moved period (same alerts, no second notification); its spend figures are dropped and recomputed
 * by the evaluation that follows. Past periods stay as they were, under the zone they ran in.
 * Runs in the caller's transaction, which also changes the zone.
 */
export async function carryCurrentPeriod(
  tx: Prisma.TransactionClient,
  orgId: string,
  fromZone: string,
  toZone: string,
  now = new Date(),
): Promise<number> {
  if (fromZone === toZone) return 0;
  const budgets = await tx.budget.findMany({ where: { orgId }, select: { id: true, period: true, startDay: true } });
  let moved = 0;
  for (const b of budgets) {
    const spec: PeriodSpec = { period: b.period as PeriodSpec["period"], startDay: b.startDay };
    const from = periodAt(spec, fromZone, now);
    const to = periodAt(spec, toZone, now);
    if (from.start.getTime() === to.start.getTime()) continue;
    moved += await tx.$executeRaw`
      INSERT INTO budget_crossings ("orgId", "budgetId", "periodStart", "scopeValue", threshold, "thresholdPico",
        "spentPico", notified, "crossedAt", "alertId")
      SELECT "orgId", "budgetId", ${to.start}, "scopeValue", threshold, "thresholdPico", "spentPico", notified, "crossedAt",
        "alertId"
        FROM budget_crossings WHERE "orgId" = ${orgId} AND "budgetId" = ${b.id} AND "periodStart" = ${from.start}
      ON CONFLICT DO NOTHING`;
    await tx.$executeRaw`DELETE FROM budget_crossings
      WHERE "orgId" = ${orgId} AND "budgetId" = ${b.id} AND "periodStart" = ${from.start}`;
    await tx.$executeRaw`
      UPDATE alerts a SET "periodStart" = ${to.start}, "periodEnd" = ${to.end}
       WHERE a."orgId" = ${orgId} AND a."budgetId" = ${b.id} AND a."periodStart" = ${from.start}
         AND NOT EXISTS (SELECT 1 FROM alerts x WHERE x."orgId" = a."orgId" AND x."budgetId" = a."budgetId"
           AND x."periodStart" = ${to.start} AND x."scopeValue" = a."scopeValue" AND x.kind = a.kind)`;
    await tx.$executeRaw`DELETE FROM budget_period_spend
      WHERE "orgId" = ${orgId} AND "budgetId" = ${b.id} AND "periodStart" = ${from.start}`;
  }
  return moved;
}
