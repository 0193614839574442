import { redis, redisKey } from "@/lib/redis/connection";
import { log } from "@/lib/log";
import { AppError } from "@/lib/errors";

const WINDOW_SECONDS = 60;

/**
 * Fixed one-minute window per subject (an API key id), counted in Redis so that every web
 * process shares it. Throws a 429 with Retry-After when the budget of the window is spent.
 */
export async function enforceRateLimit(subject: string, limitPerMinute: number, cost = 1): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const window = Math.floor(now / WINDOW_SECONDS);
  const key = redisKey("ratelimit", subject, String(window));
  let used: number;
  try {
    const [[, count]] = (await redis()
      .multi()
      .incrby(key, cost)
      .expire(key, WINDOW_SECONDS + 1)
      .exec()) as [[Error | null, number], unknown];
    used = count;
  } catch (err) {
    // Redis holds no data of record: during an outage requests go through unthrottled, never refused.
    log.warn({ err, subject }, "rate limit unavailable (Redis); allowing the request");
    return;
  }
  if (used > limitPerMinute) {
    const retryAfter = (window + 1) * WINDOW_SECONDS - now;
    throw new AppError(
      "rate_limited",
      `Rate limit of ${limitPerMinute} requests per minute exceeded; retry in ${retryAfter} s`,
      [],
      retryAfter,
    );
  }
}
