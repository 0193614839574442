import { AppError } from "@/lib/errors";
import { redisKey } from "./connection";

const WINDOW_SECONDS = 60;

/** The fixed one-minute rate-limit window of `subject` now: its Redis key, its lifetime, and when it ends. */
export function rateLimitWindow(subject: string, nowMs = Date.now()) {
  const now = Math.floor(nowMs / 1000);
  const window = Math.floor(now / WINDOW_SECONDS);
  return {
    key: redisKey("ratelimit", subject, String(window)),
    ttlSeconds: WINDOW_SECONDS + 1,
    retryAfter: (window + 1) * WINDOW_SECONDS - now,
  };
}

/** Throws the 429 (with Retry-After) when `used` requests of the window are more than the limit. */
export function throwIfOverLimit(used: number, limitPerMinute: number, retryAfter: number): void {
  if (used > limitPerMinute) {
    throw new AppError(
      "rate_limited",
      `Rate limit of ${limitPerMinute} requests per minute exceeded; retry in ${retryAfter} s`,
      [],
      retryAfter,
    );
  }
}
