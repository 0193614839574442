// Applies prisma/migrations/*/migration.sql without any Prisma engine, recording them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so Prisma's own tooling
// (`migrate status`, `migrate deploy`, `migrate diff`) sees the same history.
//
//   npm run db:deploy            (tsx scripts/migrate-deploy.ts; DATABASE_URL, created if missing)
//   import { migrateDeploy } from "@/scripts/migrate-deploy";
//
// Each migration runs in its own transaction; the whole run holds Prisma's advisory lock, so
// concurrent deploys (several processes starting at once, or a Prisma CLI) apply each migration
// once. An applied migration whose file changed since is refused.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { ensureDatabase, redactUrl } from "./db-admin";

export const DEFAULT_MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../prisma/migrations",
);
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/burnrate";

/** The advisory lock key Prisma's schema engine takes around migrate commands. */
const PRISMA_ADVISORY_LOCK = 72707369;

/** The table exactly as Prisma's schema engine creates it. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Wall-clock time (not the transaction start) at Prisma's millisecond precision. */
const NOW_MS = "date_trunc('milliseconds', clock_timestamp())";

export interface MigrateDeployOptions {
  log?: (msg: string) => void;
  /** Defaults to prisma/migrations of this repository. */
  migrationsDir?: string;
  /** How long to wait for another deploy holding the lock (default 60 s). */
  lockTimeoutMs?: number;
}

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** sha256 hex of the file's bytes: the checksum Prisma stores. */
export function checksumOf(sql: string | Buffer): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** Prisma accepts a checksum computed before or after a CRLF <-> LF conversion of the file. */
function checksumMatches(stored: string, sql: string): boolean {
  if (stored === checksumOf(sql)) return true;
  const lf = sql.replace(/\r\n/g, "\n");
  return stored === checksumOf(lf) || stored === checksumOf(lf.replace(/\n/g, "\r\n"));
}

/** The migrations in `dir`, in the order Prisma applies them (directory name, ascending). */
export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): LocalMigration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new MigrationError(`migration ${name} has no migration.sql (${file})`);
      const bytes = readFileSync(file);
      return { name, sql: bytes.toString("utf8"), checksum: checksumOf(bytes) };
    });
}

/** Whether the script commits or rolls back by itself (then our transaction can't undo it). */
function controlsOwnTransaction(sql: string): boolean {
  return /^\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION)\s*;/im.test(sql);
}

async function acquireLock(client: pg.Client, timeoutMs: number, log: (msg: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      PRISMA_ADVISORY_LOCK,
    ]);
    if (rows[0]?.locked) return;
    if (Date.now() > deadline) {
      throw new MigrationError(
        `timed out after ${timeoutMs} ms waiting for the migration lock (another deploy is running)`,
      );
    }
    if (!told) log("waiting for another migration run to finish ...");
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function refuseFailed(failed: MigrationRow[]): never {
  const list = failed
    .map((row) => `  - ${row.migration_name}${row.logs ? `: ${row.logs.split("\n")[0]}` : ""}`)
    .join("\n");
  throw new MigrationError(
    `found failed migrations in the target database; new migrations will not be applied (Prisma P3009):\n${list}\n` +
      "Repair the database by hand, then mark the migration as rolled back (it will be re-applied) with\n" +
      `  UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '<name>' AND finished_at IS NULL;\n` +
      "or as applied with `prisma migrate resolve --applied <name>`.",
  );
}

function refuseModified(modified: string[]): never {
  throw new MigrationError(
    `refusing to deploy: applied migration(s) were modified after they were applied (checksum mismatch):\n` +
      modified.map((name) => `  - ${name}`).join("\n") +
      "\nAn applied migration must never change. Restore the file from version control and put the " +
      "change in a new migration (npm run db:migration -- --name <name>).",
  );
}

/**
 * Applies every migration of `opts.migrationsDir` (default prisma/migrations) not yet applied to
 * the database at `databaseUrl` (which must exist; see ensureDatabase), in order.
 */
export async function migrateDeploy(
  databaseUrl: string,
  opts: MigrateDeployOptions = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const migrations = readMigrations(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "burnrate-migrate-deploy" });
  client.on("notice", () => {}); // e.g. "there is no transaction in progress"
  await client.connect();
  const applied: string[] = [];
  try {
    await acquireLock(client, opts.lockTimeoutMs ?? 60_000, log);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<MigrationRow>(
      `SELECT id, checksum, migration_name, finished_at, rolled_back_at, logs
         FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const live = rows.filter((row) => row.rolled_back_at === null);
    const failed = live.filter((row) => row.finished_at === null);
    if (failed.length > 0) refuseFailed(failed);

    const done = new Map(live.map((row) => [row.migration_name, row]));
    const local = new Set(migrations.map((m) => m.name));
    const modified = migrations.filter((m) => done.has(m.name) && !checksumMatches(done.get(m.name)!.checksum, m.sql));
    if (modified.length > 0) refuseModified(modified.map((m) => m.name));
    for (const name of done.keys()) {
      if (!local.has(name))
        log(`warning: migration ${name} is applied to the database but missing from the migrations folder`);
    }

    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      const id = randomUUID();
      const started = Date.now();
      // Recorded before running, as Prisma does, so that a crash leaves a visible failed row.
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, ${NOW_MS}, 0)`,
        [id, migration.checksum, migration.name],
      );
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = ${NOW_MS}, applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        const message = error instanceof Error ? error.message : String(error);
        const position = (error as { position?: string }).position;
        const logs = `${message}${position ? ` (at character ${position} of migration.sql)` : ""}`;
        // Our transaction undid the script, so this attempt is recorded as rolled back and the
        // fixed file will be applied next time. A script with its own BEGIN/COMMIT may have
        // committed part of itself: leave that one failed for a person to repair.
        const undone = !controlsOwnTransaction(migration.sql);
        await client
          .query(
            `UPDATE "_prisma_migrations" SET logs = $2, rolled_back_at = CASE WHEN $3 THEN ${NOW_MS} END WHERE id = $1`,
            [id, logs, undone],
          )
          .catch(() => {});
        throw new MigrationError(`migration ${migration.name} failed${undone ? " and was rolled back" : ""}: ${logs}`, {
          cause: error,
        });
      }
      applied.push(migration.name);
      log(`applied ${migration.name} (${Date.now() - started} ms)`);
    }
    return { applied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const started = Date.now();
  const log = (msg: string) => console.log(`[migrate] ${msg}`);
  if (await ensureDatabase(databaseUrl)) log(`created database ${redactUrl(databaseUrl)}`);
  const { applied } = await migrateDeploy(databaseUrl, { log });
  log(
    applied.length === 0
      ? `${redactUrl(databaseUrl)} is up to date (${Date.now() - started} ms)`
      : `applied ${applied.length} migration(s) to ${redactUrl(databaseUrl)} in ${Date.now() - started} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`[migrate] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
