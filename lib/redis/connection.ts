import { Redis } from "ioredis";
import { env } from "@/lib/env";

const globalForRedis = globalThis as unknown as { burnrateRedis?: Redis };

/** A new connection (BullMQ workers need their own, with maxRetriesPerRequest null). */
export function createRedis(opts: { forWorker?: boolean } = {}): Redis {
  return new Redis(env().REDIS_URL, {
    maxRetriesPerRequest: opts.forWorker ? null : 2,
    enableOfflineQueue: opts.forWorker ?? false,
    lazyConnect: false,
  });
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
