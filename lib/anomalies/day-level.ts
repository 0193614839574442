import { calibrate, fitNoiseModel, type NoiseModel } from "./noise-model";
import { median, robustScale } from "./robust-stats";

/**
 * The noise of a series as two parts: the level of each day relative to the slow expected (busy and
 * quiet days: a variance `dayVar`, days independent) and the noise of an hour given its day's level
 * (`hourly`, heteroscedastic). Today's level is estimated from today's hours so far, with the
 * day-to-day spread as its prior, so the first hour of a day is judged against the whole spread and
 * later ones against the hour's own noise around today's level: a busy day (high from its start) is
 * followed; a spike, a ramp or a shift within a day stands out of it.
 */
export type DayModel = {
  dayVar: number;
  hourly: NoiseModel;
  /** Stretches the predictive scale so that its one-step residuals have a normal 98th percentile. */
  tail: number;
  /** The spread of sums of 3 consecutive standardized residuals (≥ √3). */
  sum3Scale: number;
  /** The hours the model was fitted on (days with a break, and days far off, left out). */
  clean: number[];
};

/** What one series gives the day model: actual, slow expected and its offset e0, per hour. */
export type DaySeries = { x: readonly number[]; b: readonly (number | null)[]; e0: readonly number[] };

const rel = (s: DaySeries, j: number) => Math.max(-1, Math.min(1, (s.x[j]! - s.b[j]!) / (s.b[j]! + s.e0[j]!)));

/** The variance of one hour's relative residual around its day's level. */
export const hourVar = (m: DayModel, s: DaySeries, j: number) =>
  (m.hourly.sigma(s.b[j]!) / (s.b[j]! + s.e0[j]!)) ** 2 + 1e-12;

/** Today's evidence so far: sums over today's usable hours of 1 / variance and of residual / variance. */
export type DayEvidence = { q: number; r: number };

export const addHour = (m: DayModel, s: DaySeries, j: number, ev: DayEvidence) => {
  const v = hourVar(m, s, j);
  ev.q += 1 / v;
  ev.r += rel(s, j) / v;
};

/** Expected spend of hour j and its predictive scale, given today's evidence before it. */
export function predict(m: DayModel, s: DaySeries, j: number, ev: DayEvidence): { e: number; sd: number } {
  const p = 1 / m.dayVar + ev.q;
  const level = ev.r / p;
  const be = s.b[j]! + s.e0[j]!;
  const e = Math.max(0, be * (1 + level) - s.e0[j]!);
  return { e, sd: m.tail * Math.sqrt(be ** 2 / p + m.hourly.sigma(e) ** 2) };
}

/**
 * Fits the day model from the given hours (ascending, unflagged, with a slow expected); `dayOf(j)`
 * is hour j's day. Each day's level is its excess over the slow expected relative to it (days of 4
 * hours or more); the hourly noise is fitted around those levels; the day variance is the robust
 * spread of the levels of days of 12 hours or more less their own sampling noise. Then the tail and
 * the 3-hour-sum spread come from the one-step-ahead residuals of the window, as the detector would
 * have seen them. Null with fewer than 48 hours.
 */
export function fitDayModel(s: DaySeries, idx: readonly number[], dayOf: (j: number) => number): DayModel | null {
  const days = new Map<number, number[]>();
  for (const j of idx) {
    const d = dayOf(j);
    if (!days.has(d)) days.set(d, []);
    days.get(d)!.push(j);
  }
  const levelOf = new Map<number, number>();
  for (const [d, js] of days) {
    if (js.length < 4) continue;
    let num = 0;
    let den = 0;
    for (const j of js) {
      num += s.x[j]! - s.b[j]!;
      den += s.b[j]! + s.e0[j]!;
    }
    levelOf.set(d, Math.max(-1, Math.min(1, num / den)));
  }
  const dayExp = (j: number) => Math.max(0, (s.b[j]! + s.e0[j]!) * (1 + levelOf.get(dayOf(j))!) - s.e0[j]!);
  const within = idx.filter((j) => levelOf.has(dayOf(j)));
  const first = fitNoiseModel(s.x, dayExp, within);
  if (!first) return null;
  // Days with a break inside (a shift that starts or ends there, an anomaly not flagged) are not
  // normal hourly noise: those whose mean squared residual is over 4 times the median day's are left out.
  const dayMsr = new Map<number, number>();
  for (const [d, js] of days) {
    if (!levelOf.has(d)) continue;
    let acc = 0;
    for (const j of js) acc += ((s.x[j]! - dayExp(j)) / first.sigma(dayExp(j))) ** 2;
    dayMsr.set(d, acc / js.length);
  }
  const typical = median([...dayMsr.values()]);
  const kept = within.filter((j) => dayMsr.get(dayOf(j))! <= 4 * typical);
  const clean = kept.length >= 48 ? kept : within;
  const hourly = fitNoiseModel(s.x, dayExp, clean) ?? first;
  const levels: number[] = [];
  const sampling: number[] = [];
  for (const [d, js] of days) {
    if (js.length < 12 || dayMsr.get(d)! > 4 * typical) continue;
    let den = 0;
    let v = 0;
    for (const j of js) {
      den += s.b[j]! + s.e0[j]!;
      v += hourly.sigma(dayExp(j)) ** 2;
    }
    levels.push(levelOf.get(d)!);
    sampling.push(v / den ** 2);
  }
  const meanSampling = sampling.reduce((a, b) => a + b, 0) / Math.max(1, sampling.length);
  const spread = levels.length >= 5 ? robustScale(levels) ** 2 - meanSampling : 0;
  const m: DayModel = { dayVar: Math.min(1, Math.max(1e-6, spread)), hourly, tail: 1, sum3Scale: 3, clean };
  const std: number[] = [];
  let day = Number.NaN;
  const ev: DayEvidence = { q: 0, r: 0 };
  for (const j of clean) {
    if (dayOf(j) !== day) {
      day = dayOf(j);
      ev.q = 0;
      ev.r = 0;
    }
    const { e, sd } = predict(m, s, j, ev);
    std.push((s.x[j]! - e) / sd);
    addHour(m, s, j, ev);
  }
  const zeroShare = clean.filter((j) => s.x[j] === 0).length / clean.length;
  const { tail, sum3Scale } = calibrate(std, clean, zeroShare >= 0.1);
  return { ...m, tail, sum3Scale };
}
