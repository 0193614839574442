// Playwright global setup: one isolated Burnrate per run.
//  - Postgres/Redis: DATABASE_URL / REDIS_URL's servers (set by `npm test`), else resolved like `npm start`.
//  - A fresh database burnrate_e2e_<run id>, migrated (no demo seed unless BURNRATE_E2E_SEED=1),
//    and a Redis QUEUE_PREFIX of the same name.
//  - `next build` if the sources changed since the last build, then `next start` on a free port
//    (from BURNRATE_E2E_PORT, default 3100) and the worker, both on that database; their output goes
//    to .data/e2e/<run id>/{web,worker}.log (BURNRATE_E2E_VERBOSE=1 prints it instead).
// The returned teardown stops both, drops the database and the queue keys, and stops any service it started.
// Specs see BURNRATE_E2E_BASE_URL, DATABASE_URL, REDIS_URL and QUEUE_PREFIX of the run in process.env.
import type { FullConfig } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

type Log = ((...a: unknown[]) => void) & { warn: (...a: unknown[]) => void };
type Service = { url: string; source: string; stop: () => Promise<void> };
type Tracked = ChildProcess & { exited: Promise<{ code: number | null; signal: string | null }> };
/** The boot sequence of scripts/boot.mjs (the same as `npm start` and the Docker image's). */
interface Boot {
  prepareApp(opts: { env: NodeJS.ProcessEnv; log: Log; seed: boolean }): Promise<void>;
  startApps(opts: {
    env: NodeJS.ProcessEnv;
    port: number;
    host: string;
    stdio: (name: string) => unknown[];
  }): Array<{ name: string; child: Tracked }>;
}
/** The parts of scripts/services.mjs used here. */
interface Services {
  createLog(tag: string): Log;
  step<T>(log: Log, name: string, fn: () => Promise<T>): Promise<T>;
  resolvePostgres(opts: { log: Log }): Promise<Service>;
  resolveRedis(opts: { log: Log }): Promise<Service>;
  withDatabase(url: string, name: string): string;
  maskUrl(url: string): string;
  createDatabase(url: string): Promise<void>;
  dropStaleDatabases(url: string, prefix: string): Promise<string[]>;
  dropDatabase(url: string): Promise<void>;
  deleteRedisPrefix(url: string, prefix: string): Promise<number>;
  findFreePort(start: number): Promise<number>;
  stopChild(child: Tracked, signal?: string, graceMs?: number): Promise<unknown>;
  waitForHttp(
    url: string,
    opts: { timeoutMs: number; anyStatus: boolean; abort: () => string | null },
  ): Promise<number>;
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const root = config.configFile ? path.dirname(config.configFile) : process.cwd();
  const svc: Services = await import(pathToFileURL(path.join(root, "scripts/services.mjs")).href);
  const boot: Boot = await import(pathToFileURL(path.join(root, "scripts/boot.mjs")).href);
  const log = svc.createLog("e2e");
  const runId = (process.env.BURNRATE_E2E_RUN_ID ?? `manual_${randomBytes(4).toString("hex")}`)
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "");
  const name = `burnrate_e2e_${runId}`;
  const verbose = process.env.BURNRATE_E2E_VERBOSE === "1";
  const logDir = path.join(root, ".data", "e2e", runId);
  const cleanups: Array<[string, () => Promise<unknown>]> = [];
  let tearingDown = false;
  const teardown = async () => {
    tearingDown = true;
    const t = performance.now();
    for (const [what, fn] of cleanups.reverse()) {
      await fn().catch((err: Error) => log.warn(`teardown: ${what}: ${err.message}`));
    }
    cleanups.length = 0;
    log(
      `teardown done (${((performance.now() - t) / 1000).toFixed(2)}s); server logs in ${path.relative(root, logDir)}`,
    );
  };

  fs.mkdirSync(logDir, { recursive: true });
  fs.mkdirSync(path.join(root, "screenshots"), { recursive: true });
  pruneOldLogs(path.dirname(logDir), 5);
  const webLog = path.join(logDir, "web.log");
  const workerLog = path.join(logDir, "worker.log");

  try {
    const pg = await svc.step(log, "Postgres", () => svc.resolvePostgres({ log: svc.createLog("postgres") }));
    cleanups.push(["stop Postgres", pg.stop]);
    const redis = await svc.step(log, "Redis", () => svc.resolveRedis({ log: svc.createLog("redis") }));
    cleanups.push(["stop Redis", redis.stop]);

    const stale = await svc.dropStaleDatabases(pg.url, "burnrate_e2e_").catch(() => []);
    if (stale.length) log(`dropped ${stale.length} database(s) of e2e runs killed over 6 h ago`);
    const databaseUrl = svc.withDatabase(pg.url, name);
    await svc.step(log, `database ${name}`, () => svc.createDatabase(databaseUrl));
    cleanups.push([`drop database ${name}`, () => svc.dropDatabase(databaseUrl)]);
    cleanups.push([`delete Redis keys ${name}:*`, () => svc.deleteRedisPrefix(redis.url, name)]);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: name,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      // Specs sign up many accounts from one address.
      SIGNUP_RATE_LIMIT_PER_MINUTE: "10000",
      // …and fail sign-ins on purpose from that one address (the address lock is tested in vitest).
      SIGNIN_ADDRESS_LOCK_AFTER: "1000",
      BURNRATE_OPERATOR_EMAILS: `operator-${runId}@e2e.test`,
      // A response that drifts from its route contract is a 500, so every spec catches it.
      BURNRATE_RESPONSE_CHECK: "strict",
      // Specs stand up local receivers (127.0.0.1) for webhooks and Slack channels. The refusal of private
      // addresses with the flag off is tested in vitest (test/delivery-routes-ssrf.test.ts) through the routes.
      BURNRATE_ALLOW_PRIVATE_URLS: "true",
    };

    await boot.prepareApp({ env, log, seed: process.env.BURNRATE_E2E_SEED === "1" });

    // The port is chosen after the build (minutes), not before: another run on this machine could take it
    // meanwhile, and its server would then answer this run's health check.
    const port = await svc.findFreePort(Number(process.env.BURNRATE_E2E_PORT ?? 3100));
    const baseURL = `http://127.0.0.1:${port}`;
    Object.assign(env, { NEXTAUTH_URL: baseURL, PORT: String(port) });

    // Output to .data/e2e/<run id>/{web,worker}.log (or the terminal with BURNRATE_E2E_VERBOSE=1).
    const opened: number[] = [];
    const stdio = (name: string) => {
      if (verbose) return ["ignore", "inherit", "inherit"];
      const fd = fs.openSync(name === "web" ? webLog : workerLog, "a");
      opened.push(fd);
      return ["ignore", fd, fd];
    };
    const [web, worker] = boot.startApps({ env: { ...env, NODE_ENV: "production" }, port, host: "127.0.0.1", stdio });
    for (const fd of opened) fs.closeSync(fd);
    cleanups.push(["stop web", () => svc.stopChild(web.child, "SIGTERM", 10_000)]);
    cleanups.push(["stop worker", () => svc.stopChild(worker.child, "SIGTERM", 10_000)]);
    let webExit: string | null = null;
    void web.child.exited.then((r) => (webExit = `web exited (${r.signal ?? `code ${r.code}`})`));
    void worker.child.exited.then((r) => {
      if (!tearingDown) log.warn(`worker exited (${r.signal ?? `code ${r.code}`}) during the run:\n${tail(workerLog)}`);
    });

    await svc.step(log, `web on ${baseURL}`, () =>
      svc.waitForHttp(`${baseURL}/api/health`, { timeoutMs: 120_000, anyStatus: true, abort: () => webExit }),
    );

    // Test workers are started after this and inherit these.
    process.env.BURNRATE_E2E_BASE_URL = baseURL;
    process.env.BURNRATE_E2E_DATABASE_URL = databaseUrl;
    process.env.DATABASE_URL = databaseUrl;
    process.env.REDIS_URL = redis.url;
    process.env.QUEUE_PREFIX = name;
    process.env.BURNRATE_OPERATOR_EMAILS = env.BURNRATE_OPERATOR_EMAILS;
    log(`run ${runId}: ${baseURL}, database ${svc.maskUrl(databaseUrl)}, queue prefix ${name}`);
    return teardown;
  } catch (err) {
    if (!verbose && fs.existsSync(webLog)) log.warn(`web output (${path.relative(root, webLog)}):\n${tail(webLog)}`);
    await teardown();
    throw err;
  }
}

/** Keeps the `keep` most recent run log folders. */
function pruneOldLogs(dir: string, keep: number): void {
  const runs = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ p: path.join(dir, d.name), t: fs.statSync(path.join(dir, d.name)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const r of runs.slice(keep)) fs.rmSync(r.p, { recursive: true, force: true });
}
