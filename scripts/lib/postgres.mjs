// Postgres: find a server (DATABASE_URL, the local one, else an embedded one) and the small admin
// queries the set-up scripts need. `pg` is imported lazily (after the install step).
import crypto from "node:crypto";
import { startEmbeddedPostgres } from "./embedded-postgres.mjs";
import { probeTcp } from "./net.mjs";
import { createLog } from "./terminal.mjs";

export const DEFAULT_DB = "burnrate";

/** The same server URL with another database name. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function pgClient(url, database) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({
    connectionString: database ? withDatabase(url, database) : url,
    connectionTimeoutMillis: 3000,
  });
  client.on("error", () => {});
  await client.connect();
  return client;
}

/** Connects to the server's maintenance database; resolves to null or the error message. */
export async function pgConnectError(url) {
  let client;
  try {
    client = await pgClient(url, "postgres");
    await client.query("select 1");
    return null;
  } catch (err) {
    return err.message || String(err);
  } finally {
    await client?.end().catch(() => {});
  }
}

/** One query on a fresh connection (for set-up scripts). */
export async function pgQuery(url, sql, params = []) {
  const client = await pgClient(url);
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;

export async function createDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = await pgClient(url, "postgres");
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database ${quoteIdent(name)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function dropDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = await pgClient(url, "postgres");
  try {
    await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A run id that sorts and dates itself: <UTC yyyymmddhhmmss>_<4 hex>. */
export function newRunId() {
  return `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${crypto.randomBytes(2).toString("hex")}`;
}

/** Drops databases `<prefix><run id>` whose run id is older than maxAgeMs (runs killed before teardown). */
export async function dropStaleDatabases(url, prefix, maxAgeMs = 6 * 3600 * 1000) {
  const client = await pgClient(url, "postgres");
  const dropped = [];
  try {
    const { rows } = await client.query("select datname from pg_database where starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) {
      const m = datname.slice(prefix.length).match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)/);
      if (!m) continue;
      const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
      if (Date.now() - t < maxAgeMs) continue;
      await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`).catch(() => {});
      dropped.push(datname);
    }
  } finally {
    await client.end().catch(() => {});
  }
  return dropped;
}

/** The local server's port (BURNRATE_PROBE_PG_PORT, default 5432) and whether it accepts TCP connections. */
export async function probeLocalPostgres() {
  const port = Number(process.env.BURNRATE_PROBE_PG_PORT || 5432);
  return { port, answers: await probeTcp(port) };
}

/**
 * Resolves a Postgres server. Returns { url, source: "env" | "local" | "embedded", stop() }.
 * url names database `database` (default "burnrate"; it need not exist: migrate-deploy creates it).
 */
export async function resolvePostgres({
  log = createLog("postgres"),
  database = process.env.BURNRATE_DATABASE_NAME || DEFAULT_DB,
} = {}) {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, source: "env", stop: async () => {} };
  }
  if (!process.env.BURNRATE_FORCE_EMBEDDED_PG) {
    const { port: probePort, answers } = await probeLocalPostgres();
    const url = `postgresql://postgres@127.0.0.1:${probePort}/${database}`;
    if (answers) {
      const error = await pgConnectError(url);
      if (!error) {
        log(`using the Postgres server on 127.0.0.1:${probePort}`);
        return { url, source: "local", stop: async () => {} };
      }
      log.warn(
        `a server answers on 127.0.0.1:${probePort} but connecting as user postgres without a password failed (${error}); ` +
          `set DATABASE_URL to use it. Falling back to an embedded Postgres.`,
      );
    } else {
      log(`nothing answers on 127.0.0.1:${probePort}; using an embedded Postgres`);
    }
  } else {
    log("BURNRATE_FORCE_EMBEDDED_PG is set; using an embedded Postgres");
  }
  return startEmbeddedPostgres({ log, database });
}
