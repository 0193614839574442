import { PICO_PER_USD } from "@/lib/money/pico";
import { DEFAULT_PARAMS, type DetectionParams } from "./detection-params";
import { countScore } from "./count-tail";
import { addHour, type DayEvidence, type DayModel, type DaySeries, fitDayModel, predict } from "./day-level";
import { fitNoiseModel, type NoiseModel } from "./noise-model";
import { median } from "./robust-stats";
import { seasonalValue } from "./seasonal-value";

export const HOUR_MS = 3_600_000;
const WEEK = 168;

export type AnomalyKind = "spike" | "ramp" | "level_shift" | "drop";

/** One hour as the detector saw it, using only that hour and the ones before it. */
export type HourResult = {
  t: number;
  actualPico: bigint;
  /** null until the series has a same-hour-of-week value a week back. */
  expectedPico: bigint | null;
  /** The band: expected ± zOpen noise units (lower clamped at 0); null with expected. */
  lowerPico: bigint | null;
  upperPico: bigint | null;
  /** (actual − expected) / noise; 0 when not evaluated. */
  score: number;
  /** The kind of the episode this hour belongs to, or null when normal / not evaluated. */
  flag: AnomalyKind | null;
  /** For the current, unfinished hour: the share of it elapsed (0..1); its expected counts pro rata in an episode. */
  elapsed?: number;
};

export type Episode = {
  /** First and last flagged hours (hour starts, epoch ms). */
  startT: number;
  lastT: number;
  kind: AnomalyKind;
  hours: number;
  /** Largest |score| in the episode. */
  score: number;
  actualPico: bigint;
  expectedPico: bigint;
  /** actual − expected over the episode (negative for drops). */
  impactPico: bigint;
  /** True when the last evaluated hour is in the episode (it may go on). */
  ongoing: boolean;
};

export type SeriesInput = {
  /** Start of the first hour (epoch ms, a whole UTC hour). */
  startT: number;
  /** Spend of each consecutive hour from startT, pico-dollars (missing hours are 0). */
  values: readonly bigint[];
  /** The last value is the current, unfinished hour: never judged a drop, never ends an episode. */
  lastIsPartial?: boolean;
  /** With lastIsPartial: the share of the current hour elapsed (0..1, default 1). Detection compares the
   * spend so far with the whole hour's band; an episode's expected and impact count that hour pro rata. */
  partialElapsed?: number;
  /** Evaluate hours from this time on only (earlier hours are history); default: all. */
  evaluateFrom?: number;
};

const toUsd = (p: bigint) => Number(p) / 1e12;
const toPico = (usd: number) => BigInt(Math.round(usd * 1e12));

/**
 * The detector: a robust seasonal baseline per hour (the same hour of the week over the previous
 * `weeks` weeks, `seasonal-value.ts`) times a slow level factor fixed for each UTC day (the median
 * ratio of actual to seasonal over the `levelHours` before the day: trend and growth); today's level
 * relative to that, estimated from today's earlier hours with the day-to-day spread as its prior
 * (`day-level.ts`: a busy day is followed, a spike, ramp or shift within a day stands out); noise
 * fitted from the `scaleHours` before; episode rules with hysteresis. Each hour is judged only from
 * itself and the hours before it, so the result for an hour never changes when later hours arrive.
 * Pure: the worker and the CLI call it.
 */
export function detectSeries(input: SeriesInput, params: DetectionParams = DEFAULT_PARAMS): HourResult[] {
  const p = params;
  const n = input.values.length;
  const x = input.values.map(toUsd);
  const minImpact = toUsd(p.minImpactPico);
  const first = x.findIndex((v) => v > 0);
  const out: HourResult[] = [];
  const S: (number | null)[] = new Array(n).fill(null);
  /** Expected from the seasonal baseline and the slow level only. */
  const B: (number | null)[] = new Array(n).fill(null);
  const e0s: number[] = new Array(n).fill(0);
  const flags: (AnomalyKind | null)[] = new Array(n).fill(null);
  /** Standardized residuals of each hour under its own models: corrected (z) and slow (u). */
  const zs: (number | null)[] = new Array(n).fill(null);
  const us: (number | null)[] = new Array(n).fill(null);
  const evalFrom = input.evaluateFrom ?? input.startT;
  const warmFrom = evalFrom - (p.scaleHours + p.levelHours + 36) * HOUR_MS;
  let lastLevel = 1;
  const hour0 = Math.floor(input.startT / HOUR_MS);
  const dayHour = (j: number) => (((hour0 + j) % 24) + 24) % 24;
  const levels = new Map<number, { level: number; e0: number | null }>();
  /**
   * The slow level of the day starting at hour d0, fixed for the whole day (so that today's hours are
   * all measured against one expected): the median ratio actual/seasonal over the levelHours before
   * d0 (drop hours left out), each offset by e0, a tenth of the mean seasonal value there.
   */
  const levelOn = (d0: number) => {
    const known = levels.get(d0);
    if (known) return known;
    const ratios: number[] = [];
    let sSum = 0;
    let sCount = 0;
    for (let j = Math.max(first + 1, d0 - p.levelHours); j < d0; j++) {
      if (S[j] === null) continue;
      sSum += S[j]!;
      sCount++;
    }
    const e0 = sCount > 0 ? 0.1 * (sSum / sCount) + 1e-9 : null;
    for (let j = Math.max(first + 1, d0 - p.levelHours); j < d0; j++) {
      if (S[j] === null || flags[j] === "drop") continue;
      ratios.push((x[j]! + (e0 ?? 0)) / (S[j]! + (e0 ?? 0)));
    }
    const level =
      ratios.length >= p.levelHours / 3 ? Math.min(p.levelMax, Math.max(p.levelMin, median(ratios))) : lastLevel;
    lastLevel = level;
    const v = { level, e0 };
    levels.set(d0, v);
    return v;
  };
  const s = p.thresholdScale;
  type Models = { day: DayModel; slow: NoiseModel };
  const models = new Map<number, Models | null>();
  const ALIGN = 6;
  const ds: DaySeries = { x, b: B, e0: e0s };
  const dayOf = (j: number) => Math.floor((hour0 + j) / 24);
  /**
   * The models in force at hour i, fitted at the last hour aligned to 6 (absolute time, so the CLI
   * and the worker agree whatever hour they start at) from the scaleHours before it, hours already
   * flagged left out: the day model (today's level, the band) and the noise of the slow residuals
   * (x − B: sustained rises, drops, and the confirmation that an hour is unusual for its hour of the week).
   */
  const modelsAt = (i: number): Models | null => {
    const abs = Math.floor((input.startT + i * HOUR_MS) / HOUR_MS);
    const anchor = Math.min(i, i - (((abs % ALIGN) + ALIGN) % ALIGN));
    if (models.has(anchor)) return models.get(anchor)!;
    const from = Math.max(first + 1, anchor - p.scaleHours);
    const idx: number[] = [];
    for (let j = from; j < anchor; j++) if (B[j] !== null && !flags[j]) idx.push(j);
    const day = fitDayModel(ds, idx, dayOf);
    const slow = fitNoiseModel(x, (j) => B[j]!, day ? day.clean : idx);
    const m = day && slow ? { day, slow } : null;
    models.set(anchor, m);
    return m;
  };
  for (let i = 0; i < n; i++) {
    const t = input.startT + i * HOUR_MS;
    const partial = !!input.lastIsPartial && i === n - 1;
    const base: HourResult = {
      t,
      actualPico: input.values[i]!,
      expectedPico: null,
      lowerPico: null,
      upperPico: null,
      score: 0,
      flag: null,
    };
    // Hours too far before the first judged one to matter (not even as residuals of its noise
    // window or ratios of its level) are history only: their values serve as seasonal references.
    if (first < 0 || i <= first || t < warmFrom) {
      out.push(base);
      continue;
    }
    // Seasonal: trimmed mean of the same hour of the week in the previous weeks (within the series' life).
    const refs: number[] = [];
    const near: number[] = [];
    for (let k = 1; k <= p.weeks; k++) {
      const j = i - k * WEEK;
      if (j < first) continue;
      refs.push(x[j]!);
      near.push(x[j]!);
      if (j - 1 >= first) near.push(x[j - 1]!);
      if (j + 1 < i) near.push(x[j + 1]!);
    }
    if (refs.length === 0) {
      out.push(base);
      continue;
    }
    S[i] = seasonalValue(refs, near);
    const { level, e0: dayE0 } = levelOn(i - dayHour(i));
    const e0 = dayE0 ?? 0.1 * S[i]! + 1e-9;
    B[i] = Math.max(0, (S[i]! + e0) * level - e0);
    e0s[i] = e0;
    // The two hours before the first judged one get their residuals too (the sustained rule reads them).
    const judged = i - first >= p.minHistoryHours && t >= evalFrom;
    const m = t >= evalFrom - 2 * HOUR_MS ? modelsAt(i) : null;
    let e = B[i]!;
    let sigma = 0;
    if (m) {
      // Today's level so far: today's earlier hours not flagged.
      const ev: DayEvidence = { q: 0, r: 0 };
      for (let j = Math.max(first + 1, i - dayHour(i)); j < i; j++)
        if (B[j] !== null && !flags[j]) addHour(m.day, ds, j, ev);
      ({ e, sd: sigma } = predict(m.day, ds, i, ev));
      zs[i] = (x[i]! - e) / sigma;
      us[i] = (x[i]! - B[i]!) / m.slow.sigma(B[i]!);
      // A sparse series moves in whole requests: its scores are read from the count's own (Poisson) tail.
      const g = m.slow.granule;
      if (g > 0) {
        zs[i] = Math.min(zs[i]!, countScore(x[i]!, e, g));
        us[i] = Math.min(us[i]!, countScore(x[i]!, B[i]!, g));
      }
    }
    if (!judged || !m) {
      out.push({ ...base, expectedPico: toPico(B[i]!) });
      continue;
    }
    const zi = zs[i]!;
    const ui = us[i]!;
    const band = p.zOpen * s * sigma;
    const result: HourResult = {
      ...base,
      expectedPico: toPico(e),
      lowerPico: toPico(Math.max(0, e - band)),
      upperPico: toPico(e + band),
      score: Math.round(zi * 100) / 100,
    };
    const prev = i > 0 ? flags[i - 1] : null;
    const excess = x[i]! - e;
    const slowExcess = x[i]! - B[i]!;
    if (p.drops && prev === "drop" && !partial && (x[i]! <= p.dropFraction * B[i]! || x[i] === 0)) flags[i] = "drop";
    else if (p.drops && !partial && x[i]! <= p.dropFraction * B[i]! && -slowExcess >= minImpact && -ui >= p.zDrop * s)
      flags[i] = "drop";
    else if (excess >= minImpact || slowExcess >= minImpact) {
      // Three hours above the slow expected whose standardized sum is improbable, against the spread of
      // such sums in the window (hours of one day share its ups and downs, so they are not independent).
      const u = (j: number) => us[j] ?? 0;
      const z = (j: number) => zs[j] ?? 0;
      const sustainedSlow =
        excess >= minImpact &&
        slowExcess >= minImpact &&
        us[i - 1] != null &&
        us[i - 2] != null &&
        ui > 0.5 &&
        u(i - 1) > 0.5 &&
        u(i - 2) > 0.5 &&
        (ui + u(i - 1) + u(i - 2)) / m.slow.sum3Scale >= p.zSustain * s;
      // ... or three hours of today above today's level (hours of another day were judged against its own).
      const sustainedDay =
        excess >= minImpact &&
        dayHour(i) >= 2 &&
        zs[i - 1] != null &&
        zs[i - 2] != null &&
        zi > 0.5 &&
        z(i - 1) > 0.5 &&
        z(i - 2) > 0.5 &&
        (zi + z(i - 1) + z(i - 2)) / m.day.sum3Scale >= p.zSustain * s &&
        ui >= p.zConfirm * s;
      const sustained = sustainedSlow || sustainedDay;
      if (prev && prev !== "drop" && Math.max(zi, ui) >= p.zExtend * s) flags[i] = prev;
      else if (excess >= minImpact && zi >= p.zOpen * s && ui >= p.zConfirm * s) flags[i] = "spike";
      else if (sustained) flags[i] = u(i - 2) < u(i - 1) && u(i - 1) < ui ? "ramp" : "level_shift";
    }
    if (flags[i] && flags[i] !== "drop") result.score = Math.round(Math.max(zi, ui) * 100) / 100;
    if (flags[i] === "drop") result.score = Math.round(ui * 100) / 100;
    result.flag = flags[i]!;
    if (partial && input.partialElapsed !== undefined) result.elapsed = Math.min(1, Math.max(0, input.partialElapsed));
    out.push(result);
  }
  return relabel(out);
}

/**
 * The kind of each hour of an upward episode, from that hour and the ones before it only: after 3
 * hours an episode is a level shift, or a ramp when its excess keeps growing (it opened as a ramp,
 * or its first hour's excess is under half its largest so far, reached at least 2 hours in).
 */
function relabel(hours: HourResult[]): HourResult[] {
  let start = -1;
  let opened: AnomalyKind | null = null;
  for (let i = 0; i < hours.length; i++) {
    const h = hours[i]!;
    if (!h.flag || h.flag === "drop") {
      start = -1;
      continue;
    }
    if (start < 0 || hours[i - 1]!.flag === "drop") {
      start = i;
      opened = h.flag;
    }
    if (i - start + 1 <= 3) continue;
    const ex = hours.slice(start, i + 1).map((x) => Number(x.actualPico - (x.expectedPico ?? 0n)));
    const peakAt = ex.indexOf(Math.max(...ex));
    h.flag = opened === "ramp" || (ex[0]! < 0.5 * ex[peakAt]! && peakAt >= 2) ? "ramp" : "level_shift";
  }
  return hours;
}

/**
 * Consecutive flagged hours of one direction make one episode. With `lastIsPartial`, an unflagged
 * current hour does not end the episode of the hour before it (the hour is not over).
 */
export function episodesOf(hours: readonly HourResult[], lastIsPartial = false): Episode[] {
  const episodes: Episode[] = [];
  let cur: Episode | null = null;
  for (let i = 0; i < hours.length; i++) {
    const h = hours[i]!;
    const up = h.flag && h.flag !== "drop";
    const continues = cur && h.flag && (h.flag === "drop") === (cur.kind === "drop");
    if (!h.flag || !continues) {
      if (cur) episodes.push(cur);
      cur = null;
    }
    if (!h.flag) continue;
    // The current hour's expected counts pro rata of the hour elapsed, so that the impact so far is not
    // the spend so far against a whole hour's expected (which reads low, even negative, early in the hour).
    const full = h.expectedPico ?? 0n;
    const expected = h.elapsed === undefined ? full : (full * BigInt(Math.round(h.elapsed * 1e6))) / 1_000_000n;
    if (!cur) {
      cur = {
        startT: h.t,
        lastT: h.t,
        kind: h.flag,
        hours: 0,
        score: 0,
        actualPico: 0n,
        expectedPico: 0n,
        impactPico: 0n,
        ongoing: false,
      };
    }
    cur.lastT = h.t;
    cur.hours++;
    cur.kind = up && cur.kind !== "drop" ? h.flag : cur.kind;
    cur.score = Math.max(cur.score, Math.abs(h.score));
    cur.actualPico += h.actualPico;
    cur.expectedPico += expected;
    cur.impactPico = cur.actualPico - cur.expectedPico;
    cur.ongoing = i === hours.length - 1;
  }
  if (cur) episodes.push(cur);
  const last = episodes.at(-1);
  const n = hours.length;
  if (last && lastIsPartial && n >= 2 && !hours[n - 1]!.flag && last.lastT === hours[n - 2]!.t) last.ongoing = true;
  return episodes;
}

export const usdPico = (usd: number) => BigInt(Math.round(usd * Number(PICO_PER_USD)));
