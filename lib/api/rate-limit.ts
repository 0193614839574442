import { redis } from "@/lib/redis/connection";
import { rateLimitWindow, throwIfOverLimit } from "@/lib/redis/rate-limit-window";
import { log } from "@/lib/log";

/**
 * Fixed one-minute window per subject (an API key id), counted in Redis so that every web
 * process shares it. Throws a 429 with Retry-After when the budget of the window is spent.
 */
export async function enforceRateLimit(subject: string, limitPerMinute: number, cost = 1): Promise<void> {
  const w = rateLimitWindow(subject);
  let used: number;
  try {
    const [[, count]] = (await redis().multi().incrby(w.key, cost).expire(w.key, w.ttlSeconds).exec()) as [
      [Error | null, number],
      unknown,
    ];
    used = count;
  } catch (err) {
    // Redis holds no data of record: during an outage requests go through unthrottled, never refused.
    log.warn({ err, subject }, "rate limit unavailable (Redis); allowing the request");
    return;
  }
  throwIfOverLimit(used, limitPerMinute, w.retryAfter);
}
