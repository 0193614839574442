import { Redis } from "ioredis";
import { env } from "@/lib/env";

const globalForRedis = globalThis as unknown as { burnrateRedis?: Redis };

/** A new connection (BullMQ workers need their own, with maxRetriesPerRequest null). */
export function createRedis(opts: { forWorker?: boolean } = {}): Redis {
  if (opts.forWorker) return new Redis(env().REDIS_URL, { maxRetriesPerRequest: null });
  // Web requests must not hang on a Redis outage: commands give up quickly and callers degrade.
  return new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000 });
}

/** The shared connection of this process for commands (rate limits, caches). */
export function redis(): Redis {
  globalForRedis.burnrateRedis ??= createRedis();
  return globalForRedis.burnrateRedis;
}

/** Prefix for every key this deployment writes, so that test runs never collide. */
export function redisKey(...parts: string[]): string {
  return [env().QUEUE_PREFIX, ...parts].join(":");
}

export async function disconnectRedis(): Promise<void> {
  globalForRedis.burnrateRedis?.disconnect();
  globalForRedis.burnrateRedis = undefined;
}
