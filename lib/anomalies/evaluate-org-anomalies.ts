import { db, type Prisma } from "@/lib/db";
import { dispatchPublished, type PublishedEvent } from "@/lib/delivery/publish-event";
import { log } from "@/lib/log";
import { formatPicoUsd } from "@/lib/money/pico";
import { type AnomalySettingsView, loadAnomalySettings, passesAlertThreshold } from "./anomaly-settings";
import { detectSeries, type Episode, episodesOf, HOUR_MS, type HourResult } from "./detect-series";
import { DEFAULT_PARAMS, lookbackHours } from "./detection-params";
import type { RootCause } from "./explain-excess";
import { loadMonitorSeries } from "./load-monitor-series";
import { loadRootCause } from "./load-root-cause";
import { publishAnomalyEvent } from "./publish-anomaly-event";
import { type Monitor, refreshMonitors } from "./refresh-monitors";

/** Each run judges the last 48 hours (and every hour of an episode still open); earlier is history. */
export const EVALUATE_HOURS = 48;

export type EvaluationOutcome = {
  monitors: number;
  opened: number;
  updated: number;
  resolved: number;
  notified: number;
  ms: { load: number; detect: number; rootCause: number; write: number; total: number };
};

type Found = { monitor: Monitor; episode: Episode; hours: HourResult[]; rootCause?: RootCause };

const floorHour = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;

/**
 * One run of the anomalies worker for an organisation: refresh its monitors, read their hourly
 * series (the current, partial hour included), run the detector on each, and reconcile the
 * episodes with the stored anomalies in one transaction under an advisory lock per organisation
 * (so concurrent runs never open or notify twice): open new ones, extend ongoing ones, resolve the
 * ones that ended; publish anomaly.detected / anomaly.resolved as the alert rules say.
 */
export async function evaluateOrgAnomalies(
  orgId: string,
  now = new Date(),
  opts: { evaluateHours?: number } = {},
): Promise<EvaluationOutcome> {
  const t0 = performance.now();
  const settings = await loadAnomalySettings(orgId);
  const monitors = await refreshMonitors(orgId, now);
  const current = floorHour(now.getTime());
  const defaultFrom = current - ((opts.evaluateHours ?? EVALUATE_HOURS) - 1) * HOUR_MS;
  // Episodes still open or reaching into the window are judged from their recorded start, so that
  // the window's edge never cuts one into a second anomaly.
  const unresolved = await db().anomaly.findMany({
    where: { orgId, OR: [{ status: { not: "resolved" } }, { lastHour: { gte: new Date(defaultFrom - HOUR_MS) } }] },
    select: { monitorId: true, startHour: true },
  });
  const openFrom = new Map<string, number>();
  for (const a of unresolved)
    openFrom.set(a.monitorId, Math.min(openFrom.get(a.monitorId) ?? Number.POSITIVE_INFINITY, a.startHour.getTime()));
  const earliest = Math.min(defaultFrom, ...openFrom.values());
  const loadFrom = earliest - lookbackHours() * HOUR_MS;
  const series = await loadMonitorSeries(orgId, monitors, new Date(loadFrom), new Date(current + HOUR_MS));
  const t1 = performance.now();

  const found: Found[] = [];
  for (const m of monitors) {
    const evaluateFrom = Math.min(defaultFrom, openFrom.get(m.id) ?? Number.POSITIVE_INFINITY);
    const params = {
      ...DEFAULT_PARAMS,
      minImpactPico: settings.minImpactPico,
      drops: settings.drops,
      thresholdScale: m.thresholdScale,
    };
    const hours = detectSeries(
      {
        startT: loadFrom,
        values: series.get(m.id) ?? [],
        lastIsPartial: true,
        partialElapsed: (now.getTime() - current) / HOUR_MS,
        evaluateFrom,
      },
      params,
    );
    for (const episode of episodesOf(hours, true))
      if (episode.lastT >= evaluateFrom) found.push({ monitor: m, episode, hours });
  }
  const t2 = performance.now();

  const existing = await db().anomaly.findMany({
    where: { orgId, OR: [{ status: { not: "resolved" } }, { lastHour: { gte: new Date(earliest - HOUR_MS) } }] },
  });
  const key = (monitorId: string, start: number) => `${monitorId}@${start}`;
  const byKey = new Map(existing.map((a) => [key(a.monitorId, a.startHour.getTime()), a]));
  for (const f of found) {
    const prev = byKey.get(key(f.monitor.id, f.episode.startT));
    const changed =
      !prev || prev.lastHour.getTime() !== f.episode.lastT || prev.status !== "resolved" || !prev.rootCause;
    if (changed) f.rootCause = await loadRootCause(orgId, f.monitor, f.episode);
  }
  const t3 = performance.now();

  const out = { opened: 0, updated: 0, resolved: 0, notified: 0 };
  const published: PublishedEvent[] = [];
  const channelIds = settings.allChannels
    ? (await db().notificationChannel.findMany({ where: { orgId }, select: { id: true } })).map((c) => c.id)
    : settings.channelIds;
  await db().$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(
        `SELECT count(*)::int AS n FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) l`,
        `anomalies:${orgId}`,
      );
      const seen = new Set<string>();
      for (const f of found) {
        const r = await writeEpisode(tx, orgId, f, current, settings, channelIds, published);
        seen.add(r.id);
        out[r.outcome]++;
        out.notified += r.notified;
      }
      // Open anomalies the detector no longer sees (late events lowered the spend, or the monitor
      // left the top values) are resolved at the hour after their last anomalous one.
      const stale = await tx.anomaly.findMany({ where: { orgId, status: { not: "resolved" } } });
      for (const a of stale) {
        if (seen.has(a.id)) continue;
        const endHour = new Date(a.lastHour.getTime() + HOUR_MS);
        await tx.anomaly.update({
          where: { orgId_id: { orgId, id: a.id } },
          data: { status: "resolved", endHour, updatedAt: new Date() },
        });
        out.resolved++;
        if (a.notifiedImpactPico !== null && !a.resolvedNotified && a.feedback !== "expected") {
          await tx.anomaly.update({ where: { orgId_id: { orgId, id: a.id } }, data: { resolvedNotified: true } });
          published.push(await publishAnomalyEvent(tx, { ...a, endHour }, "anomaly.resolved", channelIds, false));
          out.notified++;
        }
      }
      await tx.anomalyMonitor.updateMany({ where: { orgId, active: true }, data: { lastEvaluatedAt: now } });
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  await dispatchPublished(...published).catch((err) => log.warn({ err, orgId }, "anomaly alert dispatch deferred"));
  const t4 = performance.now();
  const ms = (a: number, b: number) => Math.round(b - a);
  return {
    monitors: monitors.length,
    ...out,
    ms: { load: ms(t0, t1), detect: ms(t1, t2), rootCause: ms(t2, t3), write: ms(t3, t4), total: ms(t0, t4) },
  };
}

/** The hourly points stored with an anomaly for its chart: the day before it to its last hour. */
function chartPoints(hours: HourResult[], e: Episode) {
  return hours
    .filter((h) => h.t >= e.startT - 24 * HOUR_MS && h.t <= Math.max(e.lastT + 6 * HOUR_MS, e.lastT))
    .map((h) => ({
      t: new Date(h.t).toISOString(),
      actual: formatPicoUsd(h.actualPico),
      expected: h.expectedPico === null ? null : formatPicoUsd(h.expectedPico),
      lower: h.lowerPico === null ? null : formatPicoUsd(h.lowerPico),
      upper: h.upperPico === null ? null : formatPicoUsd(h.upperPico),
      anomalous: h.flag !== null,
    }));
}

const abs = (v: bigint) => (v < 0n ? -v : v);

async function writeEpisode(
  tx: Prisma.TransactionClient,
  orgId: string,
  f: Found,
  current: number,
  settings: AnomalySettingsView,
  channelIds: string[],
  published: PublishedEvent[],
): Promise<{ id: string; outcome: "opened" | "updated" | "resolved"; notified: number }> {
  const e = f.episode;
  const ended = !e.ongoing && e.lastT < current;
  const data = {
    kind: e.kind,
    lastHour: new Date(e.lastT),
    score: e.score,
    expectedPico: e.expectedPico,
    actualPico: e.actualPico,
    impactPico: e.impactPico,
    series: chartPoints(f.hours, e) as Prisma.InputJsonArray,
    ...(f.rootCause ? { rootCause: f.rootCause as unknown as Prisma.InputJsonObject } : {}),
    updatedAt: new Date(),
  };
  const where = { orgId_monitorId_startHour: { orgId, monitorId: f.monitor.id, startHour: new Date(e.startT) } };
  const prev = await tx.anomaly.findUnique({ where });
  let row = prev
    ? await tx.anomaly.update({ where, data })
    : await tx.anomaly.create({
        data: {
          orgId,
          monitorId: f.monitor.id,
          dimension: f.monitor.dimension,
          value: f.monitor.value,
          startHour: new Date(e.startT),
          status: "open",
          ...data,
        },
      });
  let outcome: "opened" | "updated" | "resolved" = prev ? "updated" : "opened";
  let notified = 0;
  const quiet = row.feedback === "expected" || row.feedback === "false_alarm";
  if (!quiet && row.status !== "resolved") {
    const alerting = passesAlertThreshold(settings, row.impactPico, row.expectedPico);
    const first = row.notifiedImpactPico === null && alerting;
    const escalated = row.notifiedImpactPico !== null && abs(row.impactPico) >= 2n * abs(row.notifiedImpactPico);
    if (first || escalated) {
      row = await tx.anomaly.update({
        where: { orgId_id: { orgId, id: row.id } },
        data: { notifiedImpactPico: abs(row.impactPico) },
      });
      published.push(await publishAnomalyEvent(tx, row, "anomaly.detected", channelIds, escalated));
      notified++;
    }
  }
  if (ended && row.status !== "resolved") {
    row = await tx.anomaly.update({
      where: { orgId_id: { orgId, id: row.id } },
      data: { status: "resolved", endHour: new Date(e.lastT + HOUR_MS) },
    });
    outcome = "resolved";
    if (row.notifiedImpactPico !== null && !row.resolvedNotified && row.feedback !== "expected") {
      row = await tx.anomaly.update({ where: { orgId_id: { orgId, id: row.id } }, data: { resolvedNotified: true } });
      published.push(await publishAnomalyEvent(tx, row, "anomaly.resolved", channelIds, false));
      notified++;
    }
  }
  return { id: row.id, outcome, notified };
}
