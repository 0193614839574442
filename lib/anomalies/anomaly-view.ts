import { formatPicoUsd } from "@/lib/money/pico";
import { monitorLabel } from "./monitor-dimensions";

export type AnomalyRow = {
  id: string;
  monitorId: string;
  dimension: string;
  value: string;
  kind: string;
  status: string;
  startHour: Date;
  lastHour: Date;
  endHour: Date | null;
  score: number;
  expectedPico: bigint;
  actualPico: bigint;
  impactPico: bigint;
  series: unknown;
  rootCause: unknown;
  feedback: string | null;
  feedbackAt: Date | null;
  feedbackBy: string | null;
  acknowledgedAt: Date | null;
  notifiedImpactPico: bigint | null;
  detectedAt: Date;
  updatedAt: Date;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** An anomaly as the API and pages show it: amounts as exact decimal strings. */
export function anomalyView(a: AnomalyRow) {
  const percent = a.expectedPico > 0n ? Number((a.impactPico * 1000n) / a.expectedPico) / 10 : null;
  return {
    id: a.id,
    monitor: { id: a.monitorId, dimension: a.dimension, value: a.value || null, label: monitorLabel(a as never) },
    kind: a.kind,
    status: a.status,
    start: a.startHour.toISOString(),
    lastHour: a.lastHour.toISOString(),
    end: iso(a.endHour),
    score: a.score,
    expected: formatPicoUsd(a.expectedPico),
    actual: formatPicoUsd(a.actualPico),
    impact: formatPicoUsd(a.impactPico),
    impactPercent: percent,
    feedback: a.feedback,
    feedbackAt: iso(a.feedbackAt),
    feedbackBy: a.feedbackBy,
    acknowledgedAt: iso(a.acknowledgedAt),
    alerted: a.notifiedImpactPico !== null,
    detectedAt: a.detectedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    rootCause: (a.rootCause ?? null) as Record<string, unknown> | null,
  };
}

/** With the hourly chart points (the detail page). */
export const anomalyDetailView = (a: AnomalyRow) => ({
  ...anomalyView(a),
  series: (Array.isArray(a.series) ? a.series : []) as Record<string, unknown>[],
});
export type AnomalyView = ReturnType<typeof anomalyView>;
