import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listChannels } from "@/lib/notifications/manage-channels";
import type { OrgContext } from "@/lib/tenancy/context";
import { trackScopedSpend } from "@/lib/rollups/track-scoped-spend";
import { createBudgetSchema, toPico, updateBudgetSchema, type BudgetScope } from "./budget-input";
import { needsScopedSpend } from "./budget-spend";
import { toBudgetRow, type BudgetRow } from "./budget-row";
import { budgetView, parseInput } from "./budget-view";
import { budgetsChanged } from "./budgets-changed";
import { markBudgets } from "./mark-budgets";

const MAX_BUDGETS = 1000;

async function checkOwner(ctx: OrgContext, ownerUserId: string | null | undefined) {
  if (!ownerUserId) return;
  const m = await db().membership.findUnique({ where: { orgId_userId: { orgId: ctx.orgId, userId: ownerUserId } } });
  if (!m) throw AppError.invalid("ownerUserId", "not a member of this organisation");
}

/** Every channel id must name a channel of this organisation (400 naming the entry otherwise). */
async function checkChannels(ctx: OrgContext, channelIds: string[] | undefined) {
  if (!channelIds?.length) return;
  const own = new Set((await listChannels(ctx)).map((c) => c.id));
  const i = channelIds.findIndex((id) => !own.has(id));
  if (i >= 0) throw AppError.invalid(`channelIds[${i}]`, "no such channel in this organisation");
}

/**
 * A scope by endUser or apiKey: its API key (unless "*") must be one of this organisation's, and
 * the organisation starts keeping scoped spend (backfilled from its events) before the budget exists.
 */
async function prepareScope(ctx: OrgContext, scope: BudgetScope | undefined) {
  if (!scope || !needsScopedSpend(scope)) return;
  if (scope.apiKey && scope.apiKey !== "*") {
    const key = await db().apiKey.findFirst({ where: { orgId: ctx.orgId, id: scope.apiKey }, select: { id: true } });
    if (!key) throw AppError.invalid("scope.apiKey", "not an API key of this organisation");
  }
  await trackScopedSpend(ctx.orgId);
}

/** The budget of this organisation, or not_found (an id of another organisation is not found). */
export async function findBudget(ctx: Pick<OrgContext, "orgId">, id: string): Promise<BudgetRow> {
  const b = await db().budget.findUnique({ where: { orgId_id: { orgId: ctx.orgId, id } } });
  if (!b) throw AppError.notFound("Budget not found");
  return toBudgetRow(b);
}

export async function createBudget(ctx: OrgContext, input: unknown) {
  const b = parseInput(createBudgetSchema, input);
  await checkOwner(ctx, b.ownerUserId);
  await checkChannels(ctx, b.channelIds);
  if ((await db().budget.count({ where: { orgId: ctx.orgId } })) >= MAX_BUDGETS)
    throw new AppError("conflict", `An organisation can have at most ${MAX_BUDGETS} budgets`);
  await prepareScope(ctx, b.scope);
  const created = await db().$transaction(async (tx) => {
    const row = await tx.budget.create({
      data: {
        orgId: ctx.orgId,
        name: b.name,
        scope: b.scope,
        period: b.period,
        startDay: b.startDay ?? null,
        amountPico: toPico(b.amount),
        thresholds: b.thresholds,
        forecastAlert: b.forecastAlert,
        hardCap: b.hardCap,
        ownerUserId: b.ownerUserId ?? null,
        channelIds: b.channelIds,
      },
    });
    await recordAudit(
      ctx,
      { action: "budget.created", targetType: "budget", targetId: row.id, metadata: { name: b.name } },
      tx,
    );
    return { row, wake: await markBudgets(tx, ctx.orgId) };
  });
  await budgetsChanged(ctx.orgId);
  await created.wake(); // evaluate the current period's spend against the new budget now
  return budgetView(toBudgetRow(created.row));
}

export async function listBudgets(ctx: OrgContext) {
  const rows = await db().budget.findMany({ where: { orgId: ctx.orgId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => budgetView(toBudgetRow(r)));
}

export async function getBudget(ctx: OrgContext, id: string) {
  return budgetView(await findBudget(ctx, id));
}

/** Changes the given fields. Thresholds keep their keys ("percent:80"): one already crossed this period does not alert again. */
export async function updateBudget(ctx: OrgContext, id: string, input: unknown) {
  const patch = parseInput(updateBudgetSchema, input);
  const current = await findBudget(ctx, id);
  const period = patch.period ?? current.period;
  const startDay = patch.startDay !== undefined ? patch.startDay : patch.period ? null : current.startDay;
  if (period === "custom" && !startDay) throw AppError.invalid("startDay", "required for a custom period (1-28)");
  await checkOwner(ctx, patch.ownerUserId);
  await checkChannels(ctx, patch.channelIds);
  await prepareScope(ctx, patch.scope);
  const updated = await db().$transaction(async (tx) => {
    const row = await tx.budget.update({
      where: { orgId_id: { orgId: ctx.orgId, id } },
      data: {
        name: patch.name,
        scope: patch.scope,
        period,
        startDay: period === "custom" ? startDay : null,
        amountPico: patch.amount !== undefined ? toPico(patch.amount) : undefined,
        thresholds: patch.thresholds,
        forecastAlert: patch.forecastAlert,
        hardCap: patch.hardCap,
        ownerUserId: patch.ownerUserId,
        channelIds: patch.channelIds,
      },
    });
    await recordAudit(
      ctx,
      { action: "budget.updated", targetType: "budget", targetId: id, metadata: { fields: Object.keys(patch) } },
      tx,
    );
    return { row, wake: await markBudgets(tx, ctx.orgId) };
  });
  await budgetsChanged(ctx.orgId);
  await updated.wake();
  return budgetView(toBudgetRow(updated.row));
}

/** Deletes the budget with its periods, crossings and alerts. */
export async function deleteBudget(ctx: OrgContext, id: string): Promise<void> {
  await findBudget(ctx, id);
  await db().$transaction(async (tx) => {
    const { count } = await tx.budget.deleteMany({ where: { orgId: ctx.orgId, id } });
    if (count === 0) throw AppError.notFound("Budget not found");
    await recordAudit(ctx, { action: "budget.deleted", targetType: "budget", targetId: id }, tx);
  });
  await budgetsChanged(ctx.orgId);
}
