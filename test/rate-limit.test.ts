import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { ApiError } from "@/lib/api/errors";
import { disconnectRedis } from "@/lib/redis/connection";

afterAll(disconnectRedis);

describe("per-key rate limit in Redis", () => {
  it("allows the budget, then answers 429 with Retry-After, per subject", async () => {
    const subject = `key:${randomUUID()}`;
    for (let i = 0; i < 5; i++) await enforceRateLimit(subject, 5);
    const err = await enforceRateLimit(subject, 5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    const retry = Number((err as ApiError).headers["Retry-After"]);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    await expect(enforceRateLimit(`key:${randomUUID()}`, 5)).resolves.toBeUndefined();
  });
});
