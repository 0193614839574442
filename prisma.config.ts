// Prisma 7 CLI configuration. The CLI fetches a schema-engine binary for generate/migrate from a host
// that may be unreachable; generating the client needs no engine, so point the variable at a no-op.
// Migrations are applied by scripts/migrate-deploy.ts and authored with tools/migrator (see README).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/burnrate" },
});
