import pg from "pg";
import { env } from "@/lib/env";

const globalForPool = globalThis as unknown as { burnratePgPool?: pg.Pool };

// Bulk paths (ingest, rollups) speak SQL directly: one statement per batch with array parameters.
pg.types.setTypeParser(20, (v) => BigInt(v)); // int8 → bigint, never a lossy number

export function pgPool(): pg.Pool {
  globalForPool.burnratePgPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 10, allowExitOnIdle: true });
  return globalForPool.burnratePgPool;
}

export async function closePgPool(): Promise<void> {
  await globalForPool.burnratePgPool?.end();
  globalForPool.burnratePgPool = undefined;
}
