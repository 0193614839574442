import { PICO_PER_USD } from "@/lib/money/pico";
import { DEFAULT_PARAMS, type DetectionParams } from "./detection-params";
import { median, quantile, robustScale } from "./robust-stats";

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
  /** Evaluate hours from this time on only (earlier hours are history); default: all. */
  evaluateFrom?: number;
};

const toUsd = (p: bigint) => Number(p) / 1e12;
/**
 * The seasonal value from the same hour of past weeks: the mean without the highest and the lowest
 * when there are 4 or more (one anomalous week does not move it, and a sparse series whose hours
 * are mostly zero still gets its average rather than 0), the median of 3, else the mean.
 */
function trimmedMean(v: number[]): number {
  if (v.length === 3) return median(v);
  if (v.length < 3) return v.reduce((a, b) => a + b, 0) / v.length;
  const cut = Math.max(1, Math.floor(v.length / 5));
  const s = Float64Array.from(v).sort().slice(cut, -cut);
  return s.reduce((a, b) => a + b, 0) / s.length;
}
const toPico = (usd: number) => BigInt(Math.round(usd * 1e12));

/**
 * The detector: a robust seasonal baseline per hour (the median of the same hour of the week over
 * the previous `weeks` weeks, times a level factor: the median ratio of actual to seasonal over
 * the last `levelHours` hours), a heteroscedastic noise scale from the one-step-ahead residuals of
 * the last `scaleHours` hours (spend is noisier in relative terms when it is small), and episode
 * rules with hysteresis. Each hour is judged only from itself and the hours before it, so the
 * result for an hour never changes when later hours arrive. Pure: the worker and the CLI call it.
 */
export function detectSeries(input: SeriesInput, params: DetectionParams = DEFAULT_PARAMS): HourResult[] {
  const p = params;
  const n = input.values.length;
  const x = input.values.map(toUsd);
  const minImpact = toUsd(p.minImpactPico);
  const first = x.findIndex((v) => v > 0);
  const out: HourResult[] = [];
  const S: (number | null)[] = new Array(n).fill(null);
  const E: (number | null)[] = new Array(n).fill(null);
  const z: number[] = new Array(n).fill(0);
  const flags: (AnomalyKind | null)[] = new Array(n).fill(null);
  const evalFrom = input.evaluateFrom ?? input.startT;
  const warmFrom = evalFrom - (p.scaleHours + 2 * p.levelHours + 6) * HOUR_MS;
  let lastLevel = 1;
  const s = p.thresholdScale;
  type NoiseModel = { sigma: (e: number) => number; e0: number; sum3Scale: number };
  const models = new Map<number, NoiseModel | null>();
  const ALIGN = 6;
  /** Standardized residual of hour j under a model. */
  const u = (j: number, m: NoiseModel) => (x[j]! - E[j]!) / m.sigma(E[j]!);
  /**
   * The noise model in force at hour i: fitted at the last hour aligned to 6 (absolute time, so the
   * CLI and the worker agree whatever hour they start at) from the residuals x − E of the
   * scaleHours before it, hours already flagged left out. The hours split at the median expected
   * into a quiet and a busy half; each half's scale is robustScale of its residuals, and σ(E)
   * interpolates between them on a log-log line (slope 0.5..1). Then a tail factor ≥ 1 makes the
   * 98th percentile of |standardized residual| 2.326 (as for a normal law), so heavy-tailed
   * (bursty, sparse) series get a wider band; and the spread of 3-hour sums of standardized
   * residuals gives the scale the sustained rule compares against.
   */
  const noiseModel = (i: number): NoiseModel | null => {
    const abs = Math.floor((input.startT + i * HOUR_MS) / HOUR_MS);
    const anchor = Math.min(i, i - (((abs % ALIGN) + ALIGN) % ALIGN));
    if (models.has(anchor)) return models.get(anchor)!;
    const from = Math.max(first + 1, anchor - p.scaleHours);
    const idx: number[] = [];
    for (let j = from; j < anchor; j++) if (E[j] !== null && !flags[j]) idx.push(j);
    let model: NoiseModel | null = null;
    if (idx.length >= 48) {
      const es = idx.map((j) => E[j]!);
      const mean = es.reduce((a, b) => a + b, 0) / es.length;
      const e0 = 0.1 * mean + 1e-9;
      const eMed = median(es);
      const low = idx.filter((j) => E[j]! <= eMed);
      const high = idx.filter((j) => E[j]! > eMed);
      // Sparse series (a tenth of the hours or more without spend) move in whole requests: the band is
      // never narrower than 0.6 of a typical non-zero hour of the quiet half.
      const zeroShare = idx.filter((j) => x[j] === 0).length / idx.length;
      const granule = zeroShare >= 0.1 ? median(low.map((j) => x[j]!).filter((v) => v > 0)) || 0 : 0;
      const floor = Math.max(0.01 * mean, 0.6 * granule) + 1e-9;
      const res = (js: number[]) => js.map((j) => x[j]! - E[j]!);
      const sL = Math.max(robustScale(res(low)), floor);
      const sH = high.length >= 12 ? Math.max(robustScale(res(high)), floor) : sL;
      const eL = median(low.map((j) => E[j]!)) + e0;
      const eH = (high.length ? median(high.map((j) => E[j]!)) : eL - e0) + e0;
      const slope = eH / eL >= 1.3 ? Math.min(1, Math.max(0.5, Math.log(sH / sL) / Math.log(eH / eL))) : 0.75;
      const base = (e: number) => Math.max(floor, Math.sqrt(sL * sH) * ((e + e0) / Math.sqrt(eL * eH)) ** slope);
      const std = idx.map((j) => (x[j]! - E[j]!) / base(E[j]!));
      const tail = Math.max(1, quantile(std.map(Math.abs), 0.98) / 2.326);
      const sigma = (e: number) => tail * base(e);
      const set = new Set(idx);
      const std3: number[] = [];
      for (const j of idx)
        if (set.has(j - 1) && set.has(j - 2))
          std3.push(
            (x[j]! - E[j]!) / sigma(E[j]!) +
              (x[j - 1]! - E[j - 1]!) / sigma(E[j - 1]!) +
              (x[j - 2]! - E[j - 2]!) / sigma(E[j - 2]!),
          );
      const sum3Scale =
        std3.length >= 24 ? Math.max(Math.sqrt(3), robustScale(std3), quantile(std3.map(Math.abs), 0.98) / 2.326) : 3;
      model = { sigma, e0, sum3Scale };
    }
    models.set(anchor, model);
    return model;
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
    // Seasonal: median of the same hour of the week in the previous weeks (within the series' life).
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
    // Sparse hours (most same-hour values zero) borrow the neighbouring hours of those weeks.
    const zeros = refs.filter((v) => v === 0).length;
    S[i] = zeros * 2 >= refs.length && near.length > refs.length ? trimmedMean(near) : trimmedMean(refs);
    // Level: median ratio actual/seasonal over the last levelHours (drop hours excluded), offset by e0.
    const ratios: number[] = [];
    let sSum = 0;
    let sCount = 0;
    for (let j = Math.max(first + 1, i - p.levelHours); j < i; j++) {
      if (S[j] === null) continue;
      sSum += S[j]!;
      sCount++;
    }
    const e0 = (sCount > 0 ? 0.1 * (sSum / sCount) : 0.1 * S[i]!) + 1e-9;
    for (let j = Math.max(first + 1, i - p.levelHours); j < i; j++) {
      if (S[j] === null || flags[j] === "drop") continue;
      ratios.push((x[j]! + e0) / (S[j]! + e0));
    }
    const level =
      ratios.length >= p.levelHours / 3 ? Math.min(p.levelMax, Math.max(p.levelMin, median(ratios))) : lastLevel;
    lastLevel = level;
    const e = Math.max(0, (S[i]! + e0) * level - e0);
    E[i] = e;
    if (i - first < p.minHistoryHours || t < evalFrom) {
      out.push({ ...base, expectedPico: toPico(e) });
      continue;
    }
    const model = noiseModel(i);
    if (!model) {
      out.push({ ...base, expectedPico: toPico(e) });
      continue;
    }
    const sigma = model.sigma(e);
    const zi = (x[i]! - e) / sigma;
    z[i] = zi;
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
    if (p.drops && prev === "drop" && !partial && (x[i]! <= p.dropFraction * e || x[i] === 0)) flags[i] = "drop";
    else if (p.drops && !partial && x[i]! <= p.dropFraction * e && -excess >= minImpact && -zi >= p.zDrop * s)
      flags[i] = "drop";
    else if (excess >= minImpact) {
      // Three hours above expected whose standardized sum is improbable, against the spread of such
      // sums in the window (hours of one day share its ups and downs, so they are not independent).
      const sum3 = i >= 2 && E[i - 1] !== null && E[i - 2] !== null ? zi + u(i - 1, model) + u(i - 2, model) : null;
      const sustained =
        sum3 !== null &&
        zi > 0.5 &&
        u(i - 1, model) > 0.5 &&
        u(i - 2, model) > 0.5 &&
        sum3 / model.sum3Scale >= p.zSustain * s;
      if (prev && prev !== "drop" && zi >= p.zExtend * s) flags[i] = prev;
      else if (zi >= p.zOpen * s) flags[i] = "spike";
      else if (sustained) flags[i] = u(i - 2, model) < u(i - 1, model) && u(i - 1, model) < zi ? "ramp" : "level_shift";
    }
    result.flag = flags[i]!;
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
    const expected = h.expectedPico ?? 0n;
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
