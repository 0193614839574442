#!/usr/bin/env node
// Writes a new migration for the changes in prisma/schema.prisma:
//
//   npm run db:migration -- --name add_budgets
//
// 1. installs tools/migrator (the Prisma 6 CLI with the wasm schema engine) if needed;
// 2. creates a scratch database on the server of DATABASE_URL (default local Postgres) and
//    applies the existing migrations to it with scripts/migrate-deploy.ts;
// 3. `prisma migrate diff --from-migrations prisma/migrations --to-schema-datamodel <schema>`
//    (replayed on a shadow database) gives the SQL, written in Prisma's own layout to
//    prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql (+ migration_lock.toml);
// 4. applies the new migration to the scratch database to prove it runs, then drops it.
// Writes nothing and says "no changes" when the schema already matches the migrations.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  MIGRATION_LOCK,
  diffMigrationsToSchema,
  ensureMigrator,
  listMigrations,
  migrationsDir,
  repoRoot,
} from "../tools/migrator/run.mjs";

const USAGE = "usage: npm run db:migration -- --name <snake_case_name>";

function fail(message) {
  console.error(`[db:migration] ${message}`);
  process.exit(1);
}

/** Prisma's migration name rules: lower snake case, at most 200 characters. */
function migrationSlug(raw) {
  return raw
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
}

/** UTC YYYYMMDDHHMMSS, bumped past the newest existing migration so the order holds. */
function migrationTimestamp(existing) {
  const now = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const newest = existing
    .map((name) => name.slice(0, 14))
    .filter((s) => /^\d{14}$/.test(s))
    .sort()
    .at(-1);
  if (!newest || now > newest) return now;
  // Clock behind the newest migration (or two in the same second): newest + 1 s.
  const t =
    Date.UTC(
      +newest.slice(0, 4),
      +newest.slice(4, 6) - 1,
      +newest.slice(6, 8),
      +newest.slice(8, 10),
      +newest.slice(10, 12),
      +newest.slice(12, 14),
    ) + 1000;
  return new Date(t).toISOString().replace(/\D/g, "").slice(0, 14);
}

/** Statements worth a second look before committing: they can lose data or fail on existing rows. */
function risky(sql) {
  const created = new Set([...sql.matchAll(/CREATE TABLE "([^"]+)"/g)].map((m) => m[1]));
  const onExistingTable = (line) => {
    const table = line.match(/(?:ALTER TABLE|ON) "([^"]+)"/)?.[1];
    return !table || !created.has(table);
  };
  const patterns = [
    /DROP (TABLE|COLUMN|TYPE|INDEX)/i,
    /ALTER COLUMN .* (SET NOT NULL|SET DATA TYPE|TYPE )/i,
    /ADD COLUMN .* NOT NULL(?!.*DEFAULT)/i,
    /CREATE UNIQUE INDEX/i,
  ];
  return sql.split("\n").filter((line) => patterns.some((p) => p.test(line)) && onExistingTable(line));
}

const { values, positionals } = parseArgs({
  options: { name: { type: "string", short: "n" }, help: { type: "boolean", short: "h" } },
  allowPositionals: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const name = migrationSlug(values.name ?? positionals[0] ?? "");
if (!name) fail(`a migration name is required\n${USAGE}`);

const started = Date.now();
const log = (msg) => console.log(`[db:migration] ${msg}`);
await ensureMigrator({ log });

const { tsImport } = await import("tsx/esm/api");
const admin = await tsImport("./db-admin.ts", import.meta.url);
const { migrateDeploy } = await tsImport("./migrate-deploy.ts", import.meta.url);

const server = process.env.DATABASE_URL || admin.DEFAULT_SERVER_URL;
const scratchName = `burnrate_migration_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${randomBytes(4).toString("hex")}`;
const scratchUrl = admin.withDatabase(server, scratchName);

let written = null;
let wroteLock = false;
try {
  await admin.ensureDatabase(scratchUrl);
  const existing = await migrateDeploy(scratchUrl);
  log(`scratch database ${scratchName}: ${existing.applied.length} existing migration(s) applied`);

  const diff = await diffMigrationsToSchema({ databaseUrl: scratchUrl });
  if (!diff.changed) {
    log("no changes: prisma/schema.prisma matches prisma/migrations; nothing written");
  } else {
    const dirName = `${migrationTimestamp(listMigrations())}_${name}`;
    written = path.join(migrationsDir, dirName);
    mkdirSync(written, { recursive: true });
    writeFileSync(path.join(written, "migration.sql"), diff.sql);
    const lockFile = path.join(migrationsDir, "migration_lock.toml");
    if (!existsSync(lockFile)) {
      writeFileSync(lockFile, MIGRATION_LOCK);
      wroteLock = true;
    }
    const check = await migrateDeploy(scratchUrl);
    if (!check.applied.includes(dirName))
      throw new Error(`the new migration ${dirName} was not applied to the scratch database`);

    const rel = (p) => path.relative(repoRoot, p);
    console.log(`\n${diff.sql.trimEnd()}\n`);
    log(`wrote ${rel(path.join(written, "migration.sql"))}${wroteLock ? ` and ${rel(lockFile)}` : ""}`);
    const review = risky(diff.sql);
    if (review.length > 0) {
      log("review before committing (may lose data or fail on existing rows):");
      for (const line of review) console.log(`    ${line.trim()}`);
    }
    written = null; // keep it
  }
} catch (error) {
  if (written) rmSync(written, { recursive: true, force: true });
  if (wroteLock) rmSync(path.join(migrationsDir, "migration_lock.toml"), { force: true });
  await admin.dropDatabase(scratchUrl).catch(() => {});
  fail(error instanceof Error ? error.message : String(error));
}
await admin.dropDatabase(scratchUrl);
log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
