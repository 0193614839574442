// Runs once per `vitest run`, in the main process, before any worker starts:
// - creates a fresh database burnrate_test_<UTC timestamp>_<random> on the server of
//   DATABASE_URL (default postgresql://postgres@127.0.0.1:5432) and applies prisma/migrations;
// - points the workers at it: process.env.DATABASE_URL (inherited by the workers, which start
//   after this) and inject("databaseUrl");
// - gives the run its own Redis key prefix: process.env.QUEUE_PREFIX = brtest_<same id>, and
//   REDIS_URL (default redis://127.0.0.1:6379);
// - on teardown drops the database WITH (FORCE) and deletes the prefix's Redis keys.
// Two runs at once never share a database or a key.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { TestProject } from "vitest/node";
import {
  DEFAULT_SERVER_URL,
  dropDatabase,
  ensureDatabase,
  listDatabases,
  redactUrl,
  withDatabase,
} from "../scripts/db-admin";
import { migrateDeploy } from "../scripts/migrate-deploy";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
    queuePrefix: string;
  }
}

const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
/** Databases of runs killed before teardown (and old scratch databases) are dropped at this age. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;
const SCRATCH_PREFIXES = ["burnrate_test_", "burnrate_migration_"];

const utcStamp = (date = new Date()) => date.toISOString().replace(/\D/g, "").slice(0, 14);

function stampToTime(stamp: string): number {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i, k) => Number(stamp.slice(i, i + (k === 0 ? 4 : 2))));
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

async function dropStaleDatabases(serverUrl: string): Promise<void> {
  for (const prefix of SCRATCH_PREFIXES) {
    for (const name of await listDatabases(serverUrl, prefix)) {
      const stamp = name.slice(prefix.length, prefix.length + 14);
      if (/^\d{14}$/.test(stamp) && Date.now() - stampToTime(stamp) > STALE_AFTER_MS) {
        await dropDatabase(withDatabase(serverUrl, name)).catch(() => {});
      }
    }
  }
}

async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on("error", () => {});
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER_URL;
  const runId = `${utcStamp()}_${randomBytes(4).toString("hex")}`;
  const databaseUrl = withDatabase(serverUrl, `burnrate_test_${runId}`);
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const queuePrefix = `brtest_${runId}`;

  await dropStaleDatabases(serverUrl).catch(() => {});
  if (!(await ensureDatabase(databaseUrl))) {
    throw new Error(`test database ${redactUrl(databaseUrl)} already exists; refusing to share it`);
  }
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: process.env.QUEUE_PREFIX,
  };
  try {
    const { applied } = await migrateDeploy(databaseUrl);
    process.env.DATABASE_URL = databaseUrl;
    process.env.REDIS_URL = redisUrl;
    process.env.QUEUE_PREFIX = queuePrefix;
    project.provide("databaseUrl", databaseUrl);
    project.provide("redisUrl", redisUrl);
    project.provide("queuePrefix", queuePrefix);
    console.log(
      `[test] database ${redactUrl(databaseUrl)} (${applied.length} migrations, ${Date.now() - started} ms), ` +
        `redis prefix ${queuePrefix}`,
    );
  } catch (error) {
    await dropDatabase(databaseUrl).catch(() => {});
    throw error;
  }

  return async function teardown() {
    await dropDatabase(databaseUrl);
    await deleteRedisKeys(redisUrl, queuePrefix).catch((error: unknown) => {
      console.warn(`[test] could not delete redis keys ${queuePrefix}*: ${String(error)}`);
    });
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
