/**
 * Standard Webhooks retry schedule: the first attempt immediately, then after 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 14 h, 20 h and 24 h. RETRY_DELAYS_MS[n - 1] is the wait after the n-th failure;
 * after the last one the delivery has failed.
 */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
] as const;

/** When to try again after `failures` consecutive failures, or null when it is time to give up. */
export function nextAttemptAfter(failures: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[failures - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}
