// Runs an operator command with the configuration `npm start` uses:
//
//   node scripts/with-services.mjs <command> [args…]      (package.json: prices:import, db:*, bench:*, worker)
//
// DATABASE_URL / REDIS_URL: as set (in the environment, .env.local or .env), checked to answer; else the
// local or embedded Postgres and the local or started Redis that `npm start` finds (scripts/services.mjs;
// one it starts is stopped afterwards unless another process still uses it). NEXTAUTH_SECRET: as set,
// else the generated one in .data/secret. When something is missing or does not answer it says which,
// in one line, and exits 1 without running the command; otherwise it exits with the command's status.
import { spawn } from "node:child_process";
import os from "node:os";
import { loadDotEnv } from "./lib/paths.mjs";
import { probeTcp } from "./lib/net.mjs";
import { pgConnectError, resolvePostgres } from "./lib/postgres.mjs";
import { resolveRedis } from "./lib/redis.mjs";
import { ensureSecret } from "./lib/secret.mjs";
import { createLog, maskUrl } from "./lib/terminal.mjs";

const log = createLog("with-services", { stderr: true });
const quiet = createLog("services", { stderr: true });

class Missing extends Error {}

async function postgres() {
  const set = process.env.DATABASE_URL;
  if (!set) return resolvePostgres({ log: quiet });
  let url;
  try {
    url = new URL(set);
  } catch {
    throw new Missing(`DATABASE_URL is not a URL (${maskUrl(set)})`);
  }
  const error = await pgConnectError(set);
  if (error) {
    throw new Missing(
      `Postgres at DATABASE_URL (${maskUrl(url.toString())}) does not answer: ${error.split("\n")[0]}. ` +
        "Start that server, or unset DATABASE_URL to use the one npm start finds.",
    );
  }
  return { url: set, source: "env", stop: async () => {} };
}

async function redis() {
  const set = process.env.REDIS_URL;
  if (!set) return resolveRedis({ log: quiet });
  let url;
  try {
    url = new URL(set);
  } catch {
    throw new Missing(`REDIS_URL is not a URL (${maskUrl(set)})`);
  }
  const port = Number(url.port || 6379);
  if (!(await probeTcp(port, url.hostname || "127.0.0.1"))) {
    throw new Missing(
      `Redis at REDIS_URL (${maskUrl(set)}) does not answer. Start that server, or unset REDIS_URL to use the one npm start finds.`,
    );
  }
  return { url: set, source: "env", stop: async () => {} };
}

function runCommand(argv, env) {
  return new Promise((resolve) => {
    // Not detached: a Ctrl-C in the terminal reaches the command itself; this process only waits.
    const child = spawn(argv[0], argv.slice(1), { env, stdio: "inherit" });
    const ignore = () => {};
    process.on("SIGINT", ignore);
    process.on("SIGTERM", () => child.kill("SIGTERM"));
    child.once("error", (err) => {
      log.error(`${argv[0]} could not start: ${err.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}

async function main(argv) {
  if (argv.length === 0) {
    log.error("usage: node scripts/with-services.mjs <command> [args…]");
    return 2;
  }
  loadDotEnv();
  const services = [];
  try {
    const pg = await postgres();
    services.push(pg);
    const rd = await redis();
    services.push(rd);
    const env = { ...process.env, DATABASE_URL: pg.url, REDIS_URL: rd.url, NEXTAUTH_SECRET: ensureSecret(quiet) };
    return await runCommand(argv, env);
  } catch (err) {
    // One line, no stack: what is missing and what to do.
    const message = err instanceof Missing ? err.message : (err.message ?? String(err)).split("\n")[0];
    log.error(message);
    return 1;
  } finally {
    for (const s of services.reverse()) await s.stop().catch(() => {});
  }
}

process.exit(await main(process.argv.slice(2)));
