import pg from "pg";
import { env } from "@/lib/env";
import { guardPool } from "./pool-guard";

const globalForPool = globalThis as unknown as { burnratePgPool?: pg.Pool };

// Bulk paths (ingest, rollups) speak SQL directly: one statement per batch with array parameters.
// int8 → bigint, never a lossy number; set on this pool only (Prisma's adapter shares the pg module).
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 20 ? (v: string) => BigInt(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function pgPool(): pg.Pool {
  globalForPool.burnratePgPool ??= guardPool(
    new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: env().DATABASE_POOL_SIZE,
      connectionTimeoutMillis: env().DATABASE_CONNECT_TIMEOUT_MS,
      allowExitOnIdle: true,
      types,
    }),
    "sql",
  );
  return globalForPool.burnratePgPool;
}

export async function closePgPool(): Promise<void> {
  await globalForPool.burnratePgPool?.end();
  globalForPool.burnratePgPool = undefined;
}
