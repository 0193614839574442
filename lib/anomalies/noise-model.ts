import { median, quantile, robustScale } from "./robust-stats";

/** How far an hour may stray from its expected spend: σ as a function of expected, and the spread of 3-hour sums. */
export type NoiseModel = {
  /** The noise (a robust standard deviation, USD) of an hour expected to spend e. */
  sigma: (e: number) => number;
  /** The spread of the sum of 3 consecutive standardized residuals (≥ √3: hours of a day move together). */
  sum3Scale: number;
  /** For a sparse series (a tenth of the hours or more without spend): a typical quiet hour's spend, about one request; else 0. */
  granule: number;
};

/**
 * Fits the noise of a series from the residuals x − e of the given hours (ascending indices, at
 * least 48, else null). The hours split at the median expected into a quiet and a busy half; each
 * half's scale is robustScale of its residuals, and σ(e) interpolates between them on a log-log line
 * (slope 0.5..1: Poisson-like to proportional noise). A sparse series (a tenth of the hours or more
 * without spend) moves in whole requests: σ is never under 0.6 of a typical non-zero quiet hour.
 * Then a tail factor ≥ 1 makes the 98th percentile of |standardized residual| 2.326 (as for a normal
 * law), so heavy-tailed series get a wider band; and the spread of 3-hour sums of standardized
 * residuals gives the scale the sustained rule compares against.
 */
export function fitNoiseModel(
  x: readonly number[],
  e: (j: number) => number,
  idx: readonly number[],
): NoiseModel | null {
  const n = idx.length;
  if (n < 48) return null;
  const es = idx.map(e);
  const xs = idx.map((j) => x[j]!);
  const res = xs.map((v, k) => v - es[k]!);
  const mean = es.reduce((a, b) => a + b, 0) / n;
  const e0 = 0.1 * mean + 1e-9;
  const eMed = median(es);
  const low: number[] = [];
  const high: number[] = [];
  for (let k = 0; k < n; k++) (es[k]! <= eMed ? low : high).push(k);
  const zeroShare = xs.filter((v) => v === 0).length / n;
  const granule = zeroShare >= 0.1 ? median(low.map((k) => xs[k]!).filter((v) => v > 0)) || 0 : 0;
  const floor = Math.max(0.01 * mean, 0.6 * granule) + 1e-9;
  const sL = Math.max(robustScale(low.map((k) => res[k]!)), floor);
  const sH = high.length >= 12 ? Math.max(robustScale(high.map((k) => res[k]!)), floor) : sL;
  const eL = median(low.map((k) => es[k]!)) + e0;
  const eH = (high.length ? median(high.map((k) => es[k]!)) : eL - e0) + e0;
  const slope = eH / eL >= 1.3 ? Math.min(1, Math.max(0.5, Math.log(sH / sL) / Math.log(eH / eL))) : 0.75;
  const base = (v: number) => Math.max(floor, Math.sqrt(sL * sH) * ((v + e0) / Math.sqrt(eL * eH)) ** slope);
  const std = res.map((r, k) => r / base(es[k]!));
  const { tail, sum3Scale } = calibrate(std, idx, zeroShare >= 0.1);
  return { sigma: (v: number) => tail * base(v), sum3Scale, granule };
}

/**
 * The tail factor (≥ 1) that makes the 98th percentile of |standardized residual| 2.326, as for a
 * normal law (sparse series, whose few-request tails are skewed: also the 99.5th at 2.807), and the
 * spread of sums of 3 consecutive residuals (at least √3; hours of one day move together) once
 * stretched by it. `idx` gives each residual's hour, so that only consecutive hours are summed.
 */
export function calibrate(
  std: readonly number[],
  idx: readonly number[],
  sparse: boolean,
): { tail: number; sum3Scale: number } {
  const n = std.length;
  const absStd = std.map(Math.abs);
  const tail = Math.max(1, quantile(absStd, 0.98) / 2.326, sparse ? quantile(absStd, 0.995) / 2.807 : 0);
  const w = 3;
  const sums: number[] = [];
  for (let k = w - 1; k < n; k++) {
    if (idx[k - w + 1] !== idx[k]! - w + 1) continue;
    let acc = 0;
    for (let q = k - w + 1; q <= k; q++) acc += std[q]!;
    sums.push(acc / tail);
  }
  const sum3Scale =
    sums.length >= 24 ? Math.max(Math.sqrt(w), robustScale(sums), quantile(sums.map(Math.abs), 0.98) / 2.326) : w;
  return { tail, sum3Scale };
}
