// Create and drop whole databases on the server of a connection URL. Shared by the deploy CLI,
// the migration authoring command and the test harness. Uses `pg` directly (no Prisma engine).
import pg from "pg";

/** The server used when DATABASE_URL is not set (trust auth, local Postgres). */
export const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

const MAINTENANCE_DB = "postgres";
const PROTECTED = new Set([MAINTENANCE_DB, "template0", "template1"]);

/** The database a connection URL names (`postgresql://…/<name>?…`). */
export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
  if (!name) throw new Error(`no database name in ${redactUrl(databaseUrl)}`);
  return name;
}

/** The same server, user and options as `databaseUrl`, naming database `name`. */
export function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** `databaseUrl` without its password, for logs and error messages. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "<invalid database url>";
  }
}

/** Quotes a Postgres identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withMaintenanceClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(databaseUrl, MAINTENANCE_DB) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  return withMaintenanceClient(databaseUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return (rowCount ?? 0) > 0;
  });
}

/**
 * Creates the database named in `databaseUrl` unless it exists (connecting to the `postgres`
 * database of the same server). Safe when two processes race. Resolves true if it created it.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  return withMaintenanceClient(databaseUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if ((rowCount ?? 0) > 0) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    } catch (error) {
      // 42P04 duplicate_database, 23505 unique_violation: someone else created it meanwhile
      const code = (error as { code?: string }).code;
      if (code === "42P04" || code === "23505") return false;
      throw error;
    }
  });
}

/**
 * Drops the database named in `databaseUrl` if it exists, disconnecting its sessions
 * (`WITH (FORCE)`, PostgreSQL 13+). Refuses the maintenance and template databases.
 */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  if (PROTECTED.has(name)) throw new Error(`refusing to drop database "${name}"`);
  await withMaintenanceClient(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}

/** Names of the databases on the server of `databaseUrl` that start with `prefix`. */
export async function listDatabases(databaseUrl: string, prefix: string): Promise<string[]> {
  return withMaintenanceClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname",
      [prefix],
    );
    return rows.map((row) => row.datname);
  });
}
