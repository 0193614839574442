// Local services shared by scripts/start.mjs, scripts/test.mjs, scripts/boot.mjs, scripts/with-services.mjs
// and e2e/global-setup.ts. Plain Node ESM, built-ins only at the top (works before `npm ci`); the
// modules under scripts/lib/ hold one concern each and are re-exported here.
//
// Postgres: DATABASE_URL if set; else a server on 127.0.0.1:5432 that accepts user postgres without a
// password; else an embedded Postgres 17 under .data/postgres (scripts/lib/embedded-postgres.mjs).
// Redis: REDIS_URL if set; else 127.0.0.1:6379 if it answers PING; else `redis-server` from PATH on
// 127.0.0.1:63790 with its files under .data/redis. A service started here is stopped by the last
// process that uses it (scripts/lib/leases.mjs).
//
// Environment knobs: BURNRATE_FORCE_EMBEDDED_PG=1, BURNRATE_FORCE_LOCAL_REDIS=1 (skip the probes),
// BURNRATE_PROBE_PG_PORT / BURNRATE_PROBE_REDIS_PORT (default 5432 / 6379),
// BURNRATE_EMBEDDED_PG_PORT (54329), BURNRATE_LOCAL_REDIS_PORT (63790),
// BURNRATE_DATABASE_NAME (the database named in a discovered server's URL; default burnrate).
import { ensureGenerate, ensureInstall } from "./lib/install.mjs";
import { resolvePostgres } from "./lib/postgres.mjs";
import { resolveRedis } from "./lib/redis.mjs";
import { createLog } from "./lib/terminal.mjs";

export * from "./lib/build.mjs";
export * from "./lib/children.mjs";
export * from "./lib/install.mjs";
export * from "./lib/net.mjs";
export * from "./lib/paths.mjs";
export * from "./lib/postgres.mjs";
export * from "./lib/redis.mjs";
export * from "./lib/secret.mjs";
export * from "./lib/terminal.mjs";

/**
 * The set-up shared by `npm start` and `npm test`: dependencies, the Prisma client, then Postgres
 * and Redis, each pushed onto `services` (stopped by the caller) as soon as it is up.
 */
export async function prepareServices(step, log, services) {
  await step("dependencies (npm ci if needed)", () => ensureInstall(log));
  await step("Prisma client", () => ensureGenerate(log));
  const pg = await step("Postgres", async () => {
    const r = await resolvePostgres({ log: createLog("postgres") });
    services.push(r);
    return r;
  });
  const redis = await step("Redis", async () => {
    const r = await resolveRedis({ log: createLog("redis") });
    services.push(r);
    return r;
  });
  return { pg, redis };
}
