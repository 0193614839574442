import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

const globalForRedis = globalThis as unknown as { burnrateRedis?: Redis };

const ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * ioredis reconnects by itself; without an `error` listener it prints every failed attempt of an
 * outage as an "Unhandled error event". One warning per connection per 10 s says the same.
 */
function logErrors(client: Redis): Redis {
  let lastLogged = 0;
  client.on("error", (err: Error) => {
    if (Date.now() - lastLogged < ERROR_LOG_INTERVAL_MS) return;
    lastLogged = Date.now();
    log.warn({ err: { message: err.message } }, "Redis connection error; reconnecting");
  });
  return client;
}

/** A new connection (BullMQ workers need their own, with maxRetriesPerRequest null). */
export function createRedis(opts: { forWorker?: boolean } = {}): Redis {
  if (opts.forWorker) return logErrors(new Redis(env().REDIS_URL, { maxRetriesPerRequest: null }));
  // Web requests must not hang on a Redis outage: commands give up quickly and callers degrade.
  return logErrors(new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000 }));
}

/** The shared connection of this process for commands (rate limits, caches). */
export function redis(): Redis {
  globalForRedis.burnrateRedis ??= createRedis();
  return globalForRedis.burnrateRedis;
}

const everReady = new WeakSet<Redis>();
const watched = new WeakSet<Redis>();

/**
 * Whether a command sent now on the shared connection can be answered without waiting out an
 * outage: connected, or making its very first connection (a new process). Hot paths that can do
 * without Redis (the limits API, cap versions) skip it otherwise instead of waiting for a reconnection.
 */
export function redisUsable(): boolean {
  const r = redis();
  if (r.status === "ready") {
    everReady.add(r);
    return true;
  }
  if (everReady.has(r)) return false;
  if (!watched.has(r)) {
    watched.add(r);
    r.once("ready", () => everReady.add(r));
  }
  return r.status === "connecting" || r.status === "connect" || r.status === "wait";
}

/** Prefix for every key this deployment writes, so that test runs never collide. */
export function redisKey(...parts: string[]): string {
  return [env().QUEUE_PREFIX, ...parts].join(":");
}

export async function disconnectRedis(): Promise<void> {
  globalForRedis.burnrateRedis?.disconnect();
  globalForRedis.burnrateRedis = undefined;
}
