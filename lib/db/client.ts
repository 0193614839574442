import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";
import { guardPool } from "./pool-guard";

const globalForPrisma = globalThis as unknown as { burnratePrisma?: PrismaClient };

function createClient(): PrismaClient {
  const { DATABASE_URL, DATABASE_POOL_SIZE, DATABASE_CONNECT_TIMEOUT_MS } = env();
  const pool = guardPool(
    new pg.Pool({
      connectionString: DATABASE_URL,
      max: DATABASE_POOL_SIZE,
      connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
    }),
    "prisma",
  );
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}

/** The one Prisma client of this process (survives Next.js dev reloads). */
export function db(): PrismaClient {
  globalForPrisma.burnratePrisma ??= createClient();
  return globalForPrisma.burnratePrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.burnratePrisma?.$disconnect();
  globalForPrisma.burnratePrisma = undefined;
}
