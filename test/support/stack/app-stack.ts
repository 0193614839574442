// A whole Burnrate as an operator runs it, for the fault suite and bench/soak: a throwaway Postgres
// and Redis, and `npm start` itself (npm → scripts/start.mjs → web + worker) on a free port, with a
// headless-initialised organisation and API key. Everything here can be restarted or killed without
// touching the machine's shared servers.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";
import { type PostgresServer, startPostgresServer } from "./postgres-server";
import { type RedisServer, startRedisServer } from "./redis-server";

export type AppStack = {
  baseUrl: string;
  apiKey: string;
  orgSlug: string;
  /** The headless-initialised OWNER of the organisation. */
  owner: { email: string; password: string };
  pg: PostgresServer;
  redis: RedisServer;
  npm: ChildProcess;
  /** Resolves with npm's exit code and signal. */
  npmExited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What npm start printed so far. */
  output(): string;
  /** pid of the running web (`next start`) or worker process, found under scripts/start.mjs. */
  pidOf(name: "web" | "worker"): number | null;
  /** Waits until GET /api/health answers 200; returns the ms it took. */
  waitHealthy(timeoutMs?: number): Promise<number>;
  /** SIGTERM to npm, then everything torn down (servers and their data). */
  destroy(): Promise<void>;
};

const ROOT = path.resolve(import.meta.dirname, "../../..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** [pid, command line] of the direct children of `pid`. */
function childrenOf(pid: number): [number, string][] {
  try {
    const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" });
    return out
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const m = /^\s*(\d+)\s+(.*)$/.exec(l)!;
        return [Number(m[1]), m[2]!] as [number, string];
      });
  } catch {
    return [];
  }
}

export async function startAppStack(opts: { env?: Record<string, string>; readyTimeoutMs?: number } = {}) {
  const [pg, redis, port] = await Promise.all([startPostgresServer(), startRedisServer(), freePort()]);
  const apiKey = `br_live_${randomBytes(24).toString("base64url")}`; // full strength, as the init requires
  const orgSlug = "faults";
  const owner = { email: "faults@burnrate.local", password: "fault-suite-password" };
  const logDir = mkdtempSync(path.join(tmpdir(), "burnrate-stack-"));
  const logFile = path.join(logDir, "npm-start.log");
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: "faults",
    NEXTAUTH_SECRET: "fault-suite-secret-that-is-at-least-32-characters",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    BURNRATE_INIT_ORG_SLUG: orgSlug,
    BURNRATE_INIT_ORG_NAME: "Fault suite",
    BURNRATE_INIT_USER_EMAIL: owner.email,
    BURNRATE_INIT_USER_PASSWORD: owner.password,
    BURNRATE_INIT_API_KEY: apiKey,
    RATE_LIMIT_PER_MINUTE: "1000000",
    LOG_LEVEL: "warn",
    NODE_ENV: undefined,
    ...opts.env,
  };
  // `npm start` itself, as an operator or a process manager runs it; its own process group, so that
  // the test can signal npm alone (what a process manager does) and clean up the group afterwards.
  const npm: ChildProcess = spawn("npm", ["start", "--", "--no-seed", "--port", String(port)], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = createWriteStream(logFile);
  let text = "";
  const keep = (d: Buffer) => {
    out.write(d);
    text += d.toString();
    if (text.length > 2_000_000) text = text.slice(-1_000_000);
  };
  npm.stdout!.on("data", keep);
  npm.stderr!.on("data", keep);
  const npmExited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    npm.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // A test run killed before destroy(): npm start must not run on (npm forwards SIGTERM; it drains).
  const stopOnExit = () => {
    try {
      process.kill(npm.pid!, "SIGTERM");
    } catch {}
  };
  process.once("exit", stopOnExit);
  const baseUrl = `http://127.0.0.1:${port}`;
  const startScriptPid = () => childrenOf(npm.pid!).find(([, cmd]) => cmd.includes("scripts/start.mjs"))?.[0] ?? null;

  const stack: AppStack = {
    baseUrl,
    apiKey,
    orgSlug,
    owner,
    pg,
    redis,
    npm,
    npmExited,
    output: () => text,
    pidOf(name) {
      // npm execs scripts/start.mjs (package.json), so start.mjs is npm's child or npm's pid itself.
      const start = startScriptPid() ?? npm.pid!;
      const match = name === "web" ? "next" : "workers/index.ts";
      return childrenOf(start).find(([, cmd]) => cmd.includes(match))?.[0] ?? null;
    },
    async waitHealthy(timeoutMs = 30_000) {
      const t0 = Date.now();
      while (Date.now() - t0 < timeoutMs) {
        const status = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) })
          .then((r) => r.status)
          .catch(() => 0);
        if (status === 200) return Date.now() - t0;
        await sleep(250);
      }
      throw new Error(`not healthy within ${timeoutMs} ms; npm start output:\n${text.slice(-4000)}`);
    },
    async destroy() {
      process.removeListener("exit", stopOnExit);
      try {
        process.kill(npm.pid!, "SIGTERM");
      } catch {}
      await Promise.race([npmExited, sleep(30_000)]);
      try {
        process.kill(-npm.pid!, "SIGKILL");
      } catch {}
      await Promise.all([pg.destroy(), redis.destroy()]);
      out.end();
    },
  };
  try {
    await stack.waitHealthy(opts.readyTimeoutMs ?? 600_000);
  } catch (err) {
    await stack.destroy();
    throw new Error(`${(err as Error).message}\n(log: ${logFile}: ${readFileSync(logFile, "utf8").slice(-3000)})`);
  }
  return stack;
}
