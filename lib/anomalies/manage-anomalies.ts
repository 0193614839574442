import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/errors/parse-input";
import { actorLabel, type OrgContext } from "@/lib/tenancy/context";
import { type AnomalyRow, anomalyDetailView, anomalyView } from "./anomaly-view";
import { MONITOR_DIMENSIONS } from "./monitor-dimensions";

export const ANOMALY_PAGE_SIZE = 50;
export const anomalyStatusSchema = z.enum(["open", "acknowledged", "resolved"]);
export const anomalyKindSchema = z.enum(["spike", "ramp", "level_shift", "drop"]);
export const anomalyDimensionSchema = z.enum(["org", ...MONITOR_DIMENSIONS]);
export const feedbackSchema = z.enum(["real", "expected", "false_alarm"]);

export const listAnomaliesSchema = z.strictObject({
  status: anomalyStatusSchema.optional(),
  kind: anomalyKindSchema.optional(),
  dimension: anomalyDimensionSchema.optional(),
  value: z.string().max(500).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export const feedbackBodySchema = z.strictObject({ feedback: feedbackSchema });

const STATUS_ORDER = { open: 0, acknowledged: 1, resolved: 2 } as const;

/**
 * The organisation's anomalies: open first, then acknowledged, then resolved, each newest first;
 * optionally one status, kind, dimension (and value); 50 a page.
 */
export async function listAnomalies(ctx: OrgContext, input: z.input<typeof listAnomaliesSchema> = {}) {
  const q = parseInput(listAnomaliesSchema, input);
  const rows = await db().anomaly.findMany({
    where: {
      orgId: ctx.orgId,
      ...(q.status ? { status: q.status } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.dimension ? { dimension: q.dimension } : {}),
      ...(q.value !== undefined ? { value: q.value } : {}),
    },
    orderBy: [{ startHour: "desc" }, { id: "asc" }],
  });
  rows.sort(
    (a, b) => STATUS_ORDER[a.status as keyof typeof STATUS_ORDER] - STATUS_ORDER[b.status as keyof typeof STATUS_ORDER],
  );
  const start = (q.page - 1) * ANOMALY_PAGE_SIZE;
  return {
    page: q.page,
    hasMore: rows.length > start + ANOMALY_PAGE_SIZE,
    items: rows.slice(start, start + ANOMALY_PAGE_SIZE).map((r) => anomalyView(r as AnomalyRow)),
  };
}

/** One anomaly with its chart points; a 404 for an id of another organisation. */
export async function getAnomaly(ctx: OrgContext, id: string) {
  const row = await db().anomaly.findUnique({ where: { orgId_id: { orgId: ctx.orgId, id } } });
  if (!row) throw new AppError("not_found", "No such anomaly in this organisation");
  return anomalyDetailView(row as AnomalyRow);
}

/** A monitor's threshold factor from its feedback counts: ×1.25 per net false alarm, within [1, 2]. */
export const thresholdScaleFor = (falseAlarms: number, confirmed: number) =>
  Math.min(2, Math.max(1, 1.25 ** (falseAlarms - confirmed)));

/**
 * Feedback on an anomaly (also acknowledges it if open). Effects on its monitor's later detection:
 * `false_alarm` counts against the monitor and `real` for it; the monitor's thresholds are
 * multiplied by 1.25 per false alarm net of confirmed ones (at most 2x, never below the default).
 * `expected` (expected activity) changes no threshold but silences this episode: no escalation and
 * no anomaly.resolved for it. Changing one's mind replaces the earlier feedback's count.
 */
export async function setAnomalyFeedback(ctx: OrgContext, id: string, input: z.input<typeof feedbackBodySchema>) {
  const { feedback } = parseInput(feedbackBodySchema, input);
  const row = await db().$transaction(async (tx) => {
    const a = await tx.anomaly.findUnique({ where: { orgId_id: { orgId: ctx.orgId, id } } });
    if (!a) throw new AppError("not_found", "No such anomaly in this organisation");
    const m = await tx.anomalyMonitor.findUniqueOrThrow({ where: { orgId_id: { orgId: ctx.orgId, id: a.monitorId } } });
    let { falseAlarms, confirmed } = m;
    if (a.feedback === "false_alarm") falseAlarms--;
    if (a.feedback === "real") confirmed--;
    if (feedback === "false_alarm") falseAlarms++;
    if (feedback === "real") confirmed++;
    await tx.anomalyMonitor.update({
      where: { orgId_id: { orgId: ctx.orgId, id: m.id } },
      data: { falseAlarms, confirmed, thresholdScale: thresholdScaleFor(falseAlarms, confirmed) },
    });
    return tx.anomaly.update({
      where: { orgId_id: { orgId: ctx.orgId, id } },
      data: {
        feedback,
        feedbackAt: new Date(),
        feedbackBy: actorLabel(ctx.actor),
        ...(a.status === "open" ? { status: "acknowledged", acknowledgedAt: new Date() } : {}),
      },
    });
  });
  return anomalyDetailView(row as AnomalyRow);
}
