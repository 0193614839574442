import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatPicoUsd } from "@/lib/money";
import { bumpValueVersions } from "@/lib/redis/cap-versions";
import type { OrgContext } from "@/lib/tenancy/context";
import { positiveAmount, toPico } from "./budget-input";
import { periodAt } from "./budget-period";
import { starDimension } from "./budget-row";
import { parseInput } from "./budget-view";
import { findBudget } from "./manage-budgets";
import { markBudgets } from "./mark-budgets";

export const overrideCapSchema = z.strictObject({
  amount: positiveAmount.describe('How much more the scope may spend until the period ends, e.g. "250.00"'),
  scopeValue: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The value of the budget\'s "*" dimension to raise (required for a "*" budget, absent otherwise)'),
  reason: z.string().max(500).default("").describe("Why (kept in the audit log and shown on the budget)"),
});

export type OverrideView = {
  id: string;
  scopeValue: string | null;
  amount: string;
  reason: string;
  periodStart: string;
  periodEnd: string;
  createdBy: string | null;
  createdAt: string;
};

const view = (o: {
  id: string;
  scopeValue: string;
  amountPico: bigint;
  reason: string;
  periodStart: Date;
  periodEnd: Date;
  createdBy: string | null;
  createdAt: Date;
}): OverrideView => ({
  id: o.id,
  scopeValue: o.scopeValue === "" ? null : o.scopeValue,
  amount: formatPicoUsd(o.amountPico),
  reason: o.reason,
  periodStart: o.periodStart.toISOString(),
  periodEnd: o.periodEnd.toISOString(),
  createdBy: o.createdBy,
  createdAt: o.createdAt.toISOString(),
});

/**
 * "Allow this scope another $X until the period ends": raises a hard cap for the current period
 * (and one value of a "*" budget), audited. The cap is then the amount plus the overrides; a
 * capped scope under the raised cap is released (`budget.released`) by the evaluation this wakes.
 */
export async function overrideCap(ctx: OrgContext, budgetId: string, input: unknown, now = new Date()) {
  const o = parseInput(overrideCapSchema, input);
  const b = await findBudget(ctx, budgetId);
  if (!b.hardCap) throw new AppError("conflict", "Only a hard-capped budget can be overridden");
  const star = starDimension(b.scope);
  if (star && !o.scopeValue)
    throw AppError.invalid("scopeValue", `required: this budget caps each ${star} apart; name the one to raise`);
  if (!star && o.scopeValue) throw AppError.invalid("scopeValue", 'this budget has no "*" dimension; leave it out');
  const { timeZone } = await db().organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { timeZone: true },
  });
  const period = periodAt(b, timeZone, now);
  const scopeValue = o.scopeValue ?? "";
  const amountPico = toPico(o.amount);
  const made = await db().$transaction(async (tx) => {
    const row = await tx.budgetOverride.create({
      data: {
        orgId: ctx.orgId,
        budgetId: b.id,
        periodStart: period.start,
        periodEnd: period.end,
        scopeValue,
        amountPico,
        reason: o.reason,
        createdBy: ctx.actor.type === "user" ? ctx.actor.email : `api key ${ctx.actor.name}`,
      },
    });
    await recordAudit(
      ctx,
      {
        action: "budget.cap_overridden",
        targetType: "budget",
        targetId: b.id,
        metadata: {
          name: b.name,
          amount: formatPicoUsd(amountPico),
          scopeValue: o.scopeValue ?? null,
          reason: o.reason,
        },
      },
      tx,
    );
    return { row, wake: await markBudgets(tx, ctx.orgId) };
  });
  await bumpValueVersions(ctx.orgId, [{ budgetId: b.id, periodStart: period.start, scopeValue }]);
  await made.wake();
  return view(made.row);
}

/** A budget's overrides, newest first (the budget page shows those of the current period). */
export async function listCapOverrides(ctx: OrgContext, budgetId: string, limit = 50): Promise<OverrideView[]> {
  await findBudget(ctx, budgetId);
  const rows = await db().budgetOverride.findMany({
    where: { orgId: ctx.orgId, budgetId },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map(view);
}
