import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { AppError } from "@/lib/errors";
import { disconnectRedis, redis, redisKey } from "@/lib/redis/connection";

afterAll(disconnectRedis);

describe("per-key rate limit in Redis", () => {
  it("allows the budget, then answers 429 with Retry-After, per subject", async () => {
    const subject = `key:${randomUUID()}`;
    for (let i = 0; i < 5; i++) await enforceRateLimit(subject, 5);
    const err = await enforceRateLimit(subject, 5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("rate_limited");
    const retry = (err as AppError).retryAfterSeconds ?? Number.NaN;
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    await expect(enforceRateLimit(`key:${randomUUID()}`, 5)).resolves.toBeUndefined();
  });

  it("counts in one Redis key per subject and minute, and says when to come back", async () => {
    const subject = `key:${randomUUID()}`;
    const window = String(Math.floor(Date.now() / 60_000));
    await enforceRateLimit(subject, 2, 2);
    expect(await redis().get(redisKey("ratelimit", subject, window))).toBe("2");
    const err = (await enforceRateLimit(subject, 2).catch((e: unknown) => e)) as AppError;
    expect(err.message).toMatch(/^Rate limit of 2 requests per minute exceeded; retry in \d+ s$/);
    expect(err.issues).toEqual([]);
  });

  it("the window's key lives 61 s: one second past the minute it counts, then Redis drops it", async () => {
    const subject = `key:${randomUUID()}`;
    const window = String(Math.floor(Date.now() / 60_000));
    await enforceRateLimit(subject, 5);
    // Set to 61 s just now: Redis answers 61, or 60 if a second ticked over in between.
    const ttl = await redis().ttl(redisKey("ratelimit", subject, window));
    expect(ttl).toBeGreaterThanOrEqual(60);
    expect(ttl).toBeLessThanOrEqual(61);
  });
});
