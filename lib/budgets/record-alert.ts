import { formatPicoUsd } from "@/lib/money";
import type { Threshold } from "./budget-input";
import type { Period } from "./budget-period";
import type { BudgetTx } from "./budget-transaction";
import { starDimension, type BudgetRow } from "./budget-row";
import { publishBudgetEvent } from "./publish-budget-event";

export type NewAlert = {
  scopeValue: string;
  kind: "threshold" | "forecast";
  key: string;
  threshold: Threshold | { forecast: true };
  thresholdPico: bigint;
  spentPico: bigint;
  projectedAt?: Date;
};

/**
 * Opens the alert of (budget, period, value, kind), or escalates it when `a` is a higher threshold
 * than the one it holds (same row, state back to open), and publishes the event for delivery, in
 * the caller's transaction. Called only by the evaluator that inserted the crossing, so each
 * threshold notifies once; a lower threshold arriving after a higher one (two racing evaluators)
 * updates nothing and notifies nothing.
 */
export async function openOrEscalateAlert(tx: BudgetTx, b: BudgetRow, period: Period, a: NewAlert): Promise<void> {
  const { rows } = await tx.query<{ id: string; threshold: string }>(
    `INSERT INTO alerts ("orgId", id, "budgetId", "periodStart", "periodEnd", "scopeValue", kind, threshold, "thresholdPico", "spentPico", "projectedAt")
     VALUES ($1, gen_random_uuid()::text, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT ("orgId", "budgetId", "periodStart", "scopeValue", kind) DO UPDATE SET
       threshold = CASE WHEN EXCLUDED."thresholdPico" > alerts."thresholdPico" THEN EXCLUDED.threshold ELSE alerts.threshold END,
       state = CASE WHEN EXCLUDED."thresholdPico" > alerts."thresholdPico" THEN 'open' ELSE alerts.state END,
       "escalatedAt" = CASE WHEN EXCLUDED."thresholdPico" > alerts."thresholdPico" THEN now() ELSE alerts."escalatedAt" END,
       "thresholdPico" = greatest(alerts."thresholdPico", EXCLUDED."thresholdPico"),
       "spentPico" = greatest(alerts."spentPico", EXCLUDED."spentPico")
     RETURNING id, threshold`,
    [
      b.orgId,
      b.id,
      period.start,
      period.end,
      a.scopeValue,
      a.kind,
      a.key,
      a.thresholdPico,
      a.spentPico,
      a.projectedAt ?? null,
    ],
  );
  const alert = rows[0]!;
  await tx.query(
    `UPDATE budget_crossings SET "alertId" = $5
      WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3 AND "scopeValue" = $4 AND threshold = $6`,
    [b.orgId, b.id, period.start, a.scopeValue, alert.id, a.key],
  );
  if (alert.threshold !== a.key) return;
  await publishBudgetEvent(tx, {
    orgId: b.orgId,
    type: a.kind === "forecast" ? "budget.forecast_exceeded" : "budget.threshold_reached",
    channelIds: b.channelIds,
    data: {
      budget: { id: b.id, name: b.name, scope: b.scope as Record<string, string> },
      period: { start: period.start.toISOString(), end: period.end.toISOString() },
      threshold: a.threshold,
      spent: formatPicoUsd(a.spentPico),
      amount: formatPicoUsd(b.amountPico),
      ...(a.projectedAt ? { projectedAt: a.projectedAt.toISOString() } : {}),
      alertId: alert.id,
      scopeValue: starDimension(b.scope) ? a.scopeValue : null,
    },
  });
}
