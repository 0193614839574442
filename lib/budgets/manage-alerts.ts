import { z } from "zod";
import { AppError } from "@/lib/errors";
import { pgPool } from "@/lib/db/pg-pool";
import { formatPicoUsd } from "@/lib/money";
import { actorLabel, type OrgContext } from "@/lib/tenancy/context";
import { parseInput } from "./budget-view";

export const ALERT_PAGE_SIZE = 50;
export const alertStateSchema = z.enum(["open", "acknowledged", "resolved"]);
export const listAlertsSchema = z.strictObject({
  state: alertStateSchema.optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});

type AlertRow = {
  id: string;
  budgetId: string;
  budgetName: string;
  periodStart: Date;
  periodEnd: Date;
  scopeValue: string;
  kind: string;
  state: string;
  threshold: string;
  thresholdPico: bigint;
  spentPico: bigint;
  projectedAt: Date | null;
  openedAt: Date;
  escalatedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
};

const SELECT = `SELECT a.id, a."budgetId", b.name AS "budgetName", a."periodStart", a."periodEnd", a."scopeValue", a.kind,
  a.state, a.threshold, a."thresholdPico", a."spentPico", a."projectedAt", a."openedAt", a."escalatedAt",
  a."acknowledgedAt", a."acknowledgedBy", a."resolvedAt"
  FROM alerts a JOIN budgets b ON b."orgId" = a."orgId" AND b.id = a."budgetId"`;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const alertView = (a: AlertRow) => ({
  id: a.id,
  budget: { id: a.budgetId, name: a.budgetName },
  period: { start: a.periodStart.toISOString(), end: a.periodEnd.toISOString() },
  scopeValue: a.scopeValue || null,
  kind: a.kind,
  state: a.state,
  threshold: a.threshold,
  thresholdAmount: formatPicoUsd(a.thresholdPico),
  spent: formatPicoUsd(a.spentPico),
  projectedAt: iso(a.projectedAt),
  openedAt: a.openedAt.toISOString(),
  escalatedAt: iso(a.escalatedAt),
  acknowledgedAt: iso(a.acknowledgedAt),
  acknowledgedBy: a.acknowledgedBy,
  resolvedAt: iso(a.resolvedAt),
});

/** The organisation's alerts, newest first, optionally in one state; 50 a page. */
export async function listAlerts(ctx: OrgContext, opts: { state?: string; page?: number } = {}) {
  const { state, page } = parseInput(listAlertsSchema, opts);
  const { rows } = await pgPool().query<AlertRow>(
    `${SELECT} WHERE a."orgId" = $1 AND ($2::text IS NULL OR a.state = $2)
      ORDER BY coalesce(a."escalatedAt", a."openedAt") DESC, a.id LIMIT $3 OFFSET $4`,
    [ctx.orgId, state ?? null, ALERT_PAGE_SIZE + 1, (page - 1) * ALERT_PAGE_SIZE],
  );
  return { page, items: rows.slice(0, ALERT_PAGE_SIZE).map(alertView), hasMore: rows.length > ALERT_PAGE_SIZE };
}

/** Acknowledges an open alert (idempotent); a resolved one cannot be acknowledged. */
export async function acknowledgeAlert(ctx: OrgContext, id: string) {
  await pgPool().query(
    `UPDATE alerts SET state = 'acknowledged', "acknowledgedAt" = now(), "acknowledgedBy" = $3
      WHERE "orgId" = $1 AND id = $2 AND state = 'open'`,
    [ctx.orgId, id, actorLabel(ctx.actor)],
  );
  const { rows } = await pgPool().query<AlertRow>(`${SELECT} WHERE a."orgId" = $1 AND a.id = $2`, [ctx.orgId, id]);
  const alert = rows[0];
  if (!alert) throw AppError.notFound("Alert not found");
  if (alert.state === "resolved") throw new AppError("conflict", "The alert is resolved (its period is over)");
  return alertView(alert);
}
