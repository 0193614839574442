// scripts/migrate-deploy.ts applies prisma/migrations like `prisma migrate deploy` does, without
// any Prisma engine. Each test works on its own scratch database on the run's server.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseName, dropDatabase, ensureDatabase, withDatabase } from "../scripts/db-admin";
import { DEFAULT_MIGRATIONS_DIR, migrateDeploy } from "../scripts/migrate-deploy";
import { ensureMigrator, runMigrator } from "../tools/migrator/run.mjs";

const runUrl = inject("databaseUrl");
const scratchDatabases: string[] = [];
const tempDirs: string[] = [];

const localMigrations = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** A fresh, empty database for one test. */
async function scratchDatabase(suffix: string): Promise<string> {
  const url = withDatabase(runUrl, `${databaseName(runUrl)}_${suffix}`);
  await dropDatabase(url);
  await ensureDatabase(url);
  scratchDatabases.push(url);
  return url;
}

/** A copy of prisma/migrations plus `extra` migrations ({ dirName: sql }). */
function migrationsCopy(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "burnrate-migrations-"));
  tempDirs.push(dir);
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

interface Row {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}
const rowsOf = (url: string) =>
  query<Row>(url, `SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`);

beforeAll(async () => {
  await ensureMigrator();
});

afterAll(async () => {
  for (const url of scratchDatabases) await dropDatabase(url);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("test harness", () => {
  it("points the workers at the run's own database and Redis prefix", async () => {
    expect(process.env.DATABASE_URL).toBe(runUrl);
    expect(databaseName(runUrl)).toMatch(/^burnrate_test_\d{14}_[0-9a-f]{8}$/);
    expect(process.env.QUEUE_PREFIX).toBe(inject("queuePrefix"));
    expect(process.env.QUEUE_PREFIX).toBe(`brtest_${databaseName(runUrl).slice("burnrate_test_".length)}`);
    expect(process.env.REDIS_URL).toBe(inject("redisUrl"));
    const tables = await query<{ n: number }>(
      runUrl,
      `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    expect(tables[0].n).toBe(localMigrations.length);
  });
});

describe("migrateDeploy", () => {
  it("has migrations to apply", () => {
    expect(localMigrations.length).toBeGreaterThan(0);
  });

  it("applies every migration to an empty database, then none", async () => {
    const url = await scratchDatabase("deploy");
    const logs: string[] = [];
    expect(await migrateDeploy(url, { log: (msg) => logs.push(msg) })).toEqual({ applied: localMigrations });
    expect(logs.filter((line) => line.startsWith("applied "))).toHaveLength(localMigrations.length);
    expect(await migrateDeploy(url)).toEqual({ applied: [] });

    const rows = await rowsOf(url);
    expect(rows.map((row) => row.migration_name)).toEqual(localMigrations);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql")));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }

    const columns = await query<{ column_name: string; data_type: string; character_maximum_length: number | null }>(
      url,
      `SELECT column_name, data_type, character_maximum_length FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '_prisma_migrations' AND column_name IN ('id', 'checksum')
        ORDER BY column_name`,
    );
    expect(columns).toEqual([
      { column_name: "checksum", data_type: "character varying", character_maximum_length: 64 },
      { column_name: "id", data_type: "character varying", character_maximum_length: 36 },
    ]);

    // Prisma's own CLI reads the history as its own.
    const status = await runMigrator(["migrate", "status"], { databaseUrl: url });
    expect(status.stdout + status.stderr).toMatch(/Database schema is up to date!/);
    expect(status.code).toBe(0);
  });

  it("refuses when an applied migration's file no longer matches its checksum", async () => {
    const url = await scratchDatabase("tamper");
    await migrateDeploy(url);
    const [first] = localMigrations;

    const edited = migrationsCopy({ "99999999999990_later": `CREATE TABLE "deploy_probe_later" ("id" INTEGER);\n` });
    writeFileSync(
      path.join(edited, first, "migration.sql"),
      `${readFileSync(path.join(edited, first, "migration.sql"), "utf8")}\n-- edited\n`,
    );
    await expect(migrateDeploy(url, { migrationsDir: edited })).rejects.toThrow(
      new RegExp(`modified after they were applied \\(checksum mismatch\\):\\n  - ${first}`),
    );
    // Nothing after the refusal was applied.
    expect(await query(url, `SELECT to_regclass('"deploy_probe_later"') AS t`)).toEqual([{ t: null }]);

    await query(url, `UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, [
      "0".repeat(64),
      first,
    ]);
    await expect(migrateDeploy(url)).rejects.toThrow(/checksum mismatch/);
  });

  it("applies only new migrations, each in one transaction, and retries a failed one once fixed", async () => {
    const url = await scratchDatabase("tx");
    await migrateDeploy(url);

    const failing = migrationsCopy({
      "99999999999991_probe": `CREATE TABLE "deploy_probe" ("id" INTEGER);\nSELECT 1 / 0;\n`,
    });
    await expect(migrateDeploy(url, { migrationsDir: failing })).rejects.toThrow(
      /migration 99999999999991_probe failed and was rolled back: division by zero/,
    );
    expect(await query(url, `SELECT to_regclass('"deploy_probe"') AS t`)).toEqual([{ t: null }]);
    const failedRow = (await rowsOf(url)).find((row) => row.migration_name === "99999999999991_probe");
    expect(failedRow).toMatchObject({ finished_at: null, applied_steps_count: 0 });
    expect(failedRow!.rolled_back_at).toBeInstanceOf(Date);
    expect(failedRow!.logs).toMatch(/division by zero/);

    const fixed = migrationsCopy({ "99999999999991_probe": `CREATE TABLE "deploy_probe" ("id" INTEGER);\n` });
    expect(await migrateDeploy(url, { migrationsDir: fixed })).toEqual({ applied: ["99999999999991_probe"] });
    expect(await query(url, `SELECT to_regclass('"deploy_probe"')::text AS t`)).toEqual([{ t: "deploy_probe" }]);
  });

  it("refuses to run past a failed migration that was not rolled back (Prisma P3009)", async () => {
    const url = await scratchDatabase("failed");
    await migrateDeploy(url);
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs) VALUES (gen_random_uuid()::text, $1, 'half_done', 'boom')`,
      ["0".repeat(64)],
    );
    await expect(migrateDeploy(url)).rejects.toThrow(/found failed migrations[\s\S]*half_done: boom/);
  });

  it("applies each migration once when deploys race (advisory lock)", async () => {
    const url = await scratchDatabase("race");
    const results = await Promise.all([migrateDeploy(url), migrateDeploy(url), migrateDeploy(url)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(localMigrations);
    expect((await rowsOf(url)).map((row) => row.migration_name)).toEqual(localMigrations);
  });
});
