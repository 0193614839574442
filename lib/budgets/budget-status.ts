import { z } from "zod";
import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { formatPicoUsd } from "@/lib/money";
import type { OrgContext } from "@/lib/tenancy/context";
import { periodAt } from "./budget-period";
import { starDimension, type BudgetRow } from "./budget-row";
import { parseInput } from "./budget-view";
import { projectSpend, weeklyProfile } from "./forecast-spend";
import { findBudget } from "./manage-budgets";

export const PAGE_SIZE = 50;
export const pageSchema = z.strictObject({ page: z.number().int().min(1).max(10_000).default(1) });

/** spent / amount in percent with one decimal, half-up ("80.0"). */
export const percentOf = (spent: bigint, amount: bigint) => {
  const tenths = (spent * 1000n + amount / 2n) / amount;
  return `${tenths / 10n}.${tenths % 10n}`;
};

type CrossingRow = {
  scopeValue: string;
  threshold: string;
  thresholdPico: bigint;
  spentPico: bigint;
  crossedAt: Date;
  notified: boolean;
};

async function crossingsOf(b: BudgetRow, periodStart: Date, values: string[]) {
  const { rows } = await pgPool().query<CrossingRow>(
    `SELECT "scopeValue", threshold, "thresholdPico", "spentPico", "crossedAt", notified FROM budget_crossings
      WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3 AND "scopeValue" = ANY($4::text[])
      ORDER BY "crossedAt", "thresholdPico"`,
    [b.orgId, b.id, periodStart, values],
  );
  return rows.map((r) => ({
    scopeValue: r.scopeValue,
    threshold: r.threshold,
    amount: formatPicoUsd(r.thresholdPico),
    spentAtCrossing: formatPicoUsd(r.spentPico),
    crossedAt: r.crossedAt.toISOString(),
    notified: r.notified,
  }));
}

/**
 * Where a budget stands in its current period (in the organisation's time zone), from the
 * evaluator's figures (budget_period_spend, written after each rollup fold): spent, remaining,
 * forecast (see forecast-spend.ts; budgets without "*"), thresholds crossed with their times, and
 * for a "*" scope the values by spend, paged (50 a page).
 */
export async function getBudgetStatus(ctx: OrgContext, id: string, opts: { page?: number } = {}, now = new Date()) {
  const { page } = parseInput(pageSchema, opts);
  const b = await findBudget(ctx, id);
  const org = await db().organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { timeZone: true } });
  const period = periodAt(b, org.timeZone, now);
  const star = starDimension(b.scope);
  const where = `WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3`;
  const params = [ctx.orgId, b.id, period.start];
  const [{ rows }, { rows: sums }] = await Promise.all([
    pgPool().query<{ scopeValue: string; spentPico: bigint }>(
      `SELECT "scopeValue", "spentPico" FROM budget_period_spend ${where}
        ORDER BY "spentPico" DESC, "scopeValue" LIMIT $4 OFFSET $5`,
      [...params, PAGE_SIZE, (page - 1) * PAGE_SIZE],
    ),
    pgPool().query<{ total: string | null; n: number }>(
      `SELECT sum("spentPico")::text AS total, count(*)::int AS n FROM budget_period_spend ${where}`,
      params,
    ),
  ]);
  const spent = BigInt(sums[0]?.total ?? "0");
  const base = {
    budgetId: b.id,
    period: { start: period.start.toISOString(), end: period.end.toISOString() },
    resetsAt: period.end.toISOString(),
    timeZone: org.timeZone,
    amount: formatPicoUsd(b.amountPico),
    spent: formatPicoUsd(spent),
  };
  if (star) {
    const crossings = await crossingsOf(
      b,
      period.start,
      rows.map((r) => r.scopeValue),
    );
    return {
      ...base,
      remaining: null,
      percentUsed: null,
      forecast: null,
      thresholdsCrossed: [],
      values: {
        dimension: star,
        page,
        pageSize: PAGE_SIZE,
        total: sums[0]?.n ?? 0,
        items: rows.map((r) => ({
          value: r.scopeValue,
          spent: formatPicoUsd(r.spentPico),
          remaining: formatPicoUsd(b.amountPico > r.spentPico ? b.amountPico - r.spentPico : 0n),
          percentUsed: percentOf(r.spentPico, b.amountPico),
          thresholdsCrossed: crossings.filter((c) => c.scopeValue === r.scopeValue),
        })),
      },
    };
  }
  const projection = projectSpend({
    spentPico: spent,
    amountPico: b.amountPico,
    profile: await weeklyProfile(ctx.orgId, b.scope, now),
    now,
    periodEnd: period.end,
  });
  return {
    ...base,
    remaining: formatPicoUsd(b.amountPico > spent ? b.amountPico - spent : 0n),
    percentUsed: percentOf(spent, b.amountPico),
    forecast: {
      projected: formatPicoUsd(projection.projectedPico),
      exceedsAt: projection.exceedsAt?.toISOString() ?? null,
    },
    thresholdsCrossed: await crossingsOf(b, period.start, [""]),
    values: null,
  };
}
