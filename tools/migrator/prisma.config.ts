// Prisma 6.19 CLI configuration for *authoring and checking* migrations only.
//
// Prisma 7's migrate commands need a schema-engine binary downloaded from Prisma's servers,
// which is unreachable here. Prisma 6.19 ships the schema engine as wasm and can drive it
// through a JS driver adapter (engine "js" + experimental adapter), so this folder pins the
// 6.19 CLI apart from the app (installing it at the root would replace the `prisma` bin).
//
// Used through ./run.mjs by scripts/new-migration.mjs and test/schema-drift.test.ts. By hand:
//   cd tools/migrator && DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<scratch> npx prisma migrate status
// DATABASE_URL must name a database the command may change (never production): `migrate dev`
// and `migrate reset` write to it; shadow databases are created on the same server.

// The classic query engine is not needed with engine "js"; stop the CLI from fetching it.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/false";
process.env.CHECKPOINT_DISABLE ??= "1";
process.env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";

import "./pg-oid-shim.cjs"; // adapter-pg can't decode pg_catalog types; unref engine timers
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { parse as parseConnectionString } from "pg-connection-string";
import type { PoolConfig } from "pg";
import { defineConfig } from "prisma/config";
import { writeDerivedSchema } from "./derive-schema.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

// Prisma 7 rejects `url` in the datasource block; Prisma 6 requires it. Derive a copy of the
// single source schema into .schema/ (git-ignored) each time the CLI loads this config.
const schema = writeDerivedSchema(
  path.resolve(here, "../../prisma/schema.prisma"),
  path.join(here, ".schema", "schema.prisma"),
);

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  throw new Error(
    "tools/migrator: DATABASE_URL is not set. Point it at a scratch database " +
      "(e.g. postgresql://postgres@127.0.0.1:5432/burnrate_scratch); never at production.",
  );
}

// Pass discrete fields, not `connectionString`: pg lets a connection string override
// `database`, which breaks the shadow-database connection below.
const parsed = parseConnectionString(databaseUrl);
const searchPath = parsed.schema ?? undefined;
const poolConfig: PoolConfig = {
  host: parsed.host ?? "127.0.0.1",
  port: parsed.port ? Number(parsed.port) : 5432,
  user: parsed.user ?? undefined,
  password: parsed.password || undefined,
  database: parsed.database ?? undefined,
  ssl: (parsed.ssl as PoolConfig["ssl"]) ?? undefined,
  max: 4,
  allowExitOnIdle: true, // no idle client keeps the CLI process alive
};
const adapterOptions = searchPath ? { schema: searchPath } : undefined;

/**
 * adapter-pg 6.19.3's connectToShadowDb() connects the shadow pool to the main database (see
 * above) and drops the shadow database while its pool is still open. Create the shadow
 * database ourselves, close its pool first, then drop it WITH (FORCE).
 */
class MigratorPg extends PrismaPg {
  override async connectToShadowDb() {
    const admin = await this.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    try {
      const shadow = await new PrismaPg({ ...poolConfig, database: name }, adapterOptions).connect();
      const disposeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        try {
          await disposeShadow();
        } finally {
          await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await admin.dispose();
        }
      };
      return shadow;
    } catch (error) {
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.dispose();
      throw error;
    }
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema,
  migrations: { path: path.resolve(here, "../../prisma/migrations") },
  adapter: async () => new MigratorPg(poolConfig, adapterOptions),
});
