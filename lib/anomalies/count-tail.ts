/**
 * The score of an hour of a sparse series (a few requests an hour) from the Poisson law of its
 * request count rather than a normal band: spend x in requests of about `granule` each, against an
 * expected e, is k = round(x / granule) requests where λ = e / granule were expected; the score is
 * the normal quantile of P(N ≥ k), so that 3 requests in an hour that usually has 0.2 scores about
 * 3, not the 6 of a normal band (the count's tail is skewed; a normal band's is not).
 */
export function countScore(x: number, e: number, granule: number): number {
  const k = Math.round(x / granule);
  const lambda = Math.max(e, 0.02 * granule) / granule;
  if (k <= lambda) return 0;
  return upperTailZ(logPoissonUpper(k, lambda));
}

/** log P(N ≥ k) for N ~ Poisson(λ), k ≥ 1: the terms from k on, each λ/(i+1) times the one before. */
function logPoissonUpper(k: number, lambda: number): number {
  let logPmf = -lambda + k * Math.log(lambda);
  for (let i = 2; i <= k; i++) logPmf -= Math.log(i);
  let sum = 1;
  let term = 1;
  for (let i = k + 1; i < k + 200 && term > 1e-12; i++) {
    term *= lambda / i;
    sum += term;
  }
  return logPmf + Math.log(sum);
}

/** The z with P(Z ≥ z) = exp(logP) for a standard normal Z (Abramowitz & Stegun 26.2.23, |error| < 5e-4). */
function upperTailZ(logP: number): number {
  if (logP >= Math.log(0.5)) return 0;
  const t = Math.sqrt(-2 * logP);
  return t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t ** 3);
}
