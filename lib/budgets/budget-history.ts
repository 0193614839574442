import { pgPool } from "@/lib/db/pg-pool";
import { formatPicoUsd } from "@/lib/money";
import type { OrgContext } from "@/lib/tenancy/context";
import { percentOf, pageSchema } from "./budget-status";
import { starDimension } from "./budget-row";
import { parseInput } from "./budget-view";
import { findBudget } from "./manage-budgets";

export const HISTORY_PAGE_SIZE = 20;

type PeriodRow = { periodStart: Date; periodEnd: Date; spentPico: bigint; values: number };
type CrossingRow = {
  periodStart: Date;
  scopeValue: string;
  threshold: string;
  thresholdPico: bigint;
  crossedAt: Date;
  notified: boolean;
};

/**
 * The budget's periods with spend, newest first (20 a page): each period's spend (the sum over
 * values for a "*" scope), how many values had spend, and the thresholds crossed with their times.
 */
export async function listBudgetPeriods(ctx: OrgContext, id: string, opts: { page?: number } = {}) {
  const { page } = parseInput(pageSchema, opts);
  const b = await findBudget(ctx, id);
  const { rows } = await pgPool().query<PeriodRow>(
    `SELECT "periodStart", max("periodEnd") AS "periodEnd", sum("spentPico")::int8 AS "spentPico", count(*)::int AS values
       FROM budget_period_spend WHERE "orgId" = $1 AND "budgetId" = $2
      GROUP BY "periodStart" ORDER BY "periodStart" DESC LIMIT $3 OFFSET $4`,
    [ctx.orgId, b.id, HISTORY_PAGE_SIZE + 1, (page - 1) * HISTORY_PAGE_SIZE],
  );
  const shown = rows.slice(0, HISTORY_PAGE_SIZE);
  const { rows: crossings } = await pgPool().query<CrossingRow>(
    `SELECT "periodStart", "scopeValue", threshold, "thresholdPico", "crossedAt", notified FROM budget_crossings
      WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = ANY($3::timestamptz[])
      ORDER BY "crossedAt", "thresholdPico", "scopeValue"`,
    [ctx.orgId, b.id, shown.map((r) => r.periodStart)],
  );
  const star = starDimension(b.scope);
  return {
    page,
    pageSize: HISTORY_PAGE_SIZE,
    hasMore: rows.length > HISTORY_PAGE_SIZE,
    items: shown.map((r) => ({
      period: { start: r.periodStart.toISOString(), end: r.periodEnd.toISOString() },
      spent: formatPicoUsd(r.spentPico),
      percentUsed: star ? null : percentOf(r.spentPico, b.amountPico),
      values: r.values,
      thresholdsCrossed: crossings
        .filter((c) => c.periodStart.getTime() === r.periodStart.getTime())
        .map((c) => ({
          scopeValue: c.scopeValue || null,
          threshold: c.threshold,
          amount: formatPicoUsd(c.thresholdPico),
          crossedAt: c.crossedAt.toISOString(),
          notified: c.notified,
        })),
    })),
  };
}
