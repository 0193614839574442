import { median } from "./robust-stats";

/**
 * The mean without the highest and the lowest when there are 4 or more (a fifth at each end from
 * 10), the median of 3, else the mean: one anomalous week does not move it.
 */
function trimmedMean(v: readonly number[]): number {
  if (v.length === 3) return median(v);
  if (v.length < 3) return v.reduce((a, b) => a + b, 0) / v.length;
  const cut = Math.max(1, Math.floor(v.length / 5));
  const s = Float64Array.from(v).sort().slice(cut, -cut);
  return s.reduce((a, b) => a + b, 0) / s.length;
}

/**
 * The seasonal value of an hour from the same hour of the previous weeks (`refs`) and those hours
 * with their neighbours (`near`).
 * - Sparse hours (most refs zero: a few requests an hour) take the mean of `near` without its highest
 *   value: trimming the low end too would cut the rare non-zero hours and read 0 where the average
 *   is a fraction of a request.
 * - A zero among steady values (the smallest non-zero ref at least half their median) is an outage,
 *   not usual spend: it is left out, so that two drops at the same hour of the week do not pull the
 *   seasonal value down.
 * - Otherwise the trimmed mean of refs.
 */
export function seasonalValue(refs: readonly number[], near: readonly number[]): number {
  const nonZero = refs.filter((v) => v > 0);
  const zeros = refs.length - nonZero.length;
  if (zeros * 2 >= refs.length && near.length > refs.length) {
    const s = Float64Array.from(near).sort();
    return s.subarray(0, -1).reduce((a, b) => a + b, 0) / (s.length - 1);
  }
  if (zeros > 0 && nonZero.length >= 2 && Math.min(...nonZero) >= 0.5 * median(nonZero)) return trimmedMean(nonZero);
  return trimmedMean(refs);
}
