import { DEFAULT_SETTINGS, passesAlertThreshold } from "../alert-rule";
import { detectSeries, episodesOf, HOUR_MS } from "../detect-series";
import { DEFAULT_PARAMS, type DetectionParams } from "../detection-params";
import type { GeneratedSeries } from "./generate-series";

/** Slack after an injected anomaly's end within which a detected episode still counts as it. */
const AFTER_HOURS = 3;

export type EvaluationReport = {
  injected: number;
  found: number;
  detectedEpisodes: number;
  truePositiveEpisodes: number;
  precision: number;
  recall: number;
  /** Hours from an anomaly's start to its first flagged hour, per anomaly found. */
  medianDelayHours: number;
  delaysByKind: Record<string, { injected: number; found: number; medianDelayHours: number | null }>;
  /** Detected episodes on series that had only normal variation (must be 0). */
  falseEpisodesOnNormalSeries: number;
  /** Of those, the ones that would alert under the default alert rule (|impact| ≥ $10 and ≥ 20%). */
  falseAlertsOnNormalSeries: number;
  normalSeries: number;
  /** Recall by size (noise units): [3, 5), [5, 7), [7, 10]. */
  recallBySize: Record<string, { injected: number; found: number }>;
  /** By kind of series (regular, sparse, new): anomalies injected and found, and false episodes. */
  byShape: Record<string, { injected: number; found: number; falseEpisodes: number }>;
};

const medianOf = (xs: number[]) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Episode-level scoring: an injected anomaly is found when a detected episode overlaps
 * [start, end + 3 h); a detected episode is a true positive when it overlaps some injected anomaly
 * that way, a false positive otherwise. The delay is the first flagged hour inside that window
 * minus the anomaly's start, in hours.
 */
export function evaluateDetector(
  series: GeneratedSeries[],
  params: DetectionParams = DEFAULT_PARAMS,
): EvaluationReport {
  let injected = 0;
  let found = 0;
  let detected = 0;
  let tpEpisodes = 0;
  let falseOnNormal = 0;
  let falseAlerts = 0;
  let normalSeries = 0;
  const delays: number[] = [];
  const byKind: Record<string, { injected: number; found: number; delays: number[] }> = {};
  const bySize: Record<string, { injected: number; found: number }> = {};
  const byShape: Record<string, { injected: number; found: number; falseEpisodes: number }> = {};
  const bucket = (size: number) => (size < 5 ? "3-5" : size < 7 ? "5-7" : "7+");
  for (const s of series) {
    const hours = detectSeries({ startT: s.startT, values: s.values }, params);
    const episodes = episodesOf(hours);
    detected += episodes.length;
    if (s.anomalies.length === 0) {
      normalSeries++;
      falseOnNormal += episodes.length;
      falseAlerts += episodes.filter((e) =>
        passesAlertThreshold(DEFAULT_SETTINGS, e.impactPico, e.expectedPico),
      ).length;
    }
    const hits = (e: { startT: number; lastT: number }, a: { startT: number; endT: number }) =>
      e.lastT >= a.startT && e.startT < a.endT + AFTER_HOURS * HOUR_MS;
    byShape[s.shape] ??= { injected: 0, found: 0, falseEpisodes: 0 };
    const shape = byShape[s.shape]!;
    for (const e of episodes) {
      if (s.anomalies.some((a) => hits(e, a))) tpEpisodes++;
      else shape.falseEpisodes++;
    }
    for (const a of s.anomalies) {
      injected++;
      byKind[a.kind] ??= { injected: 0, found: 0, delays: [] };
      const k = byKind[a.kind]!;
      k.injected++;
      shape.injected++;
      bySize[bucket(a.size)] ??= { injected: 0, found: 0 };
      const b = bySize[bucket(a.size)]!;
      b.injected++;
      if (!episodes.some((e) => hits(e, a))) continue;
      found++;
      b.found++;
      shape.found++;
      k.found++;
      const firstFlag = hours.find((h) => h.flag && h.t >= a.startT && h.t < a.endT + AFTER_HOURS * HOUR_MS);
      const delay = firstFlag ? (firstFlag.t - a.startT) / HOUR_MS : 0;
      delays.push(delay);
      k.delays.push(delay);
    }
  }
  return {
    injected,
    found,
    detectedEpisodes: detected,
    truePositiveEpisodes: tpEpisodes,
    precision: detected === 0 ? 1 : tpEpisodes / detected,
    recall: injected === 0 ? 1 : found / injected,
    medianDelayHours: medianOf(delays),
    delaysByKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, v]) => [
        kind,
        { injected: v.injected, found: v.found, medianDelayHours: v.delays.length ? medianOf(v.delays) : null },
      ]),
    ),
    falseEpisodesOnNormalSeries: falseOnNormal,
    falseAlertsOnNormalSeries: falseAlerts,
    normalSeries,
    recallBySize: bySize,
    byShape,
  };
}
