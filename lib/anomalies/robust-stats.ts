/** Median of numbers (the array is copied); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The q-quantile (0..1, linear interpolation) of numbers; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = Float64Array.from(values).sort();
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/**
 * A robust standard deviation of residuals: the larger of 1.4826·MAD (about zero) and the 90th
 * percentile of |r| / 1.645, so that bursty (heavy-tailed) series get a wider band than MAD alone.
 */
export function robustScale(residuals: readonly number[]): number {
  if (residuals.length === 0) return Number.NaN;
  const s = Float64Array.from(residuals, Math.abs).sort();
  const at = (q: number) => {
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    return s[lo]! + (s[Math.ceil(pos)]! - s[lo]!) * (pos - lo);
  };
  return Math.max(1.4826 * at(0.5), at(0.9) / 1.645);
}
