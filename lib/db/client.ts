import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { burnratePrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
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
