// The one boot sequence of Burnrate, used by `npm start` (scripts/start.mjs), the browser tests
// (e2e/global-setup.ts) and the Docker image's command:
//
//   prepareApp: migrations -> [price catalog -> demo seed (optional)] alongside the headless init,
//               then `next build` if the sources changed (optional)
//   startApps:  the web app (`next start` / `next dev`) and the worker
//
// CLI (the Docker image's command, before `next start`):
//   node scripts/boot.mjs --prepare-only [--no-build] [--seed]
// reads its configuration from the environment (DATABASE_URL, REDIS_URL, NEXTAUTH_SECRET, …); on a
// developer machine `node scripts/with-services.mjs node scripts/boot.mjs --prepare-only` finds them.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./lib/build.mjs";
import { runTs, spawnTracked, tsNodeArgs } from "./lib/children.mjs";
import { ROOT, exists } from "./lib/paths.mjs";
import { databaseIdentity, rememberSeed, seedInputsHash, wasSeeded } from "./lib/seed-state.mjs";
import { createLog, dim, step as timedStep } from "./lib/terminal.mjs";

/**
 * Prepares the database and the build for the web app and the worker. `env` is the environment of
 * every step. `step(name, fn)` times a step (default: printed with `log`).
 */
export async function prepareApp({
  env,
  log = createLog("boot"),
  step = (name, fn) => timedStep(log, name, fn),
  seed = false,
  forceSeed = false,
  build = true,
}) {
  await step("migrations", () => runTs("scripts/migrate-deploy.ts", [], { env }));
  // After the migrations: [price catalog, then the demo seed, which prices its events] alongside the
  // headless init (its own organisation): independent rows, so they run at the same time.
  const catalogThenSeed = async () => {
    await step("price catalog", () => runTs("scripts/install-catalog.ts", [], { env }));
    if (!seed) return;
    if (!exists("prisma/seed.ts")) return log.warn("prisma/seed.ts not found; skipping the demo seed");
    const identity = await databaseIdentity(env.DATABASE_URL);
    const inputs = seedInputsHash();
    if (!forceSeed && wasSeeded(identity, inputs)) {
      return log(dim("demo seed: already applied to this database (npm start -- --seed to run it again)"));
    }
    await step("demo seed", () => runTs("prisma/seed.ts", [], { env }));
    rememberSeed(identity, inputs);
  };
  const headlessInit = () => step("headless init", () => runTs("scripts/init-headless.ts", [], { env }));
  for (const r of await Promise.allSettled([catalogThenSeed(), headlessInit()])) {
    if (r.status === "rejected") throw r.reason;
  }
  if (build) await step("web build (next build if sources changed)", () => ensureBuild(log, env));
}

/** Arguments of the web app: `next start` (or `next dev`) on `port`, bound to `host` if given. */
export function webArgs({ port, host, dev = false }) {
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  // A 64 MB young generation: an ingest batch's objects die young instead of being promoted, which
  // cut the web process's CPU per 1,000 ingested events by ~15% in bench:ingest (37.7 → 32.4 ms).
  // web-drain: on SIGTERM/SIGINT, stop accepting, finish in-flight requests (bounded), exit 0.
  const flags = dev ? [] : ["--max-semi-space-size=64", "--require", path.join(ROOT, "scripts/lib/web-drain.cjs")];
  return [...flags, nextBin, dev ? "dev" : "start", "-p", String(port), ...(host ? ["-H", host] : [])];
}

/** Web drain bound (scripts/lib/web-drain.cjs) and the worker's (workers/index.ts), in ms. */
export const WEB_DRAIN_MS = 10_000;
export const WORKER_DRAIN_MS = 20_000;

/**
 * The web app and the worker as [{ name, start: () => child, graceMs }] (web first), for a
 * supervisor to (re)start. `stdio(name)` gives each one's output (default: piped, for the caller).
 */
export function appSpecs({ env, port, host, dev = false, stdio = () => ["ignore", "pipe", "pipe"] }) {
  const spec = (name, args, graceMs) => ({
    name,
    graceMs,
    start: () => spawnTracked(process.execPath, args, { env: appEnv(env, name, dev), stdio: stdio(name) }),
  });
  return [
    spec("web", webArgs({ port, host, dev }), WEB_DRAIN_MS + 5_000),
    spec("worker", tsNodeArgs("workers/index.ts"), WORKER_DRAIN_MS + 5_000),
  ];
}

/**
 * The environment of the web app or the worker: `env` without the BURNRATE_INIT_* secrets, which only the
 * headless init (in prepareApp) reads, so that no running process holds them; the web app in production
 * also gets its drain settings.
 */
export function appEnv(env, name, dev) {
  const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("BURNRATE_INIT_")));
  if (name !== "web" || dev) return clean; // next dev keeps its own signal handling
  return { ...clean, NEXT_MANUAL_SIG_HANDLE: "1", BURNRATE_WEB_DRAIN_MS: String(WEB_DRAIN_MS) };
}

/** Starts the web app and the worker once (no supervision). Returns [{ name, child }] (web first). */
export function startApps(opts) {
  return appSpecs(opts).map(({ name, start }) => ({ name, child: start() }));
}

const REQUIRED = ["DATABASE_URL", "REDIS_URL", "NEXTAUTH_SECRET"];

async function cli(argv) {
  const log = createLog("boot");
  if (!argv.includes("--prepare-only")) {
    log.error("usage: node scripts/boot.mjs --prepare-only [--no-build] [--seed]  (npm start runs the apps)");
    return 2;
  }
  const missing = REQUIRED.filter((k) => !process.env[k]);
  if (missing.length) {
    log.error(
      `${missing.join(", ")} not set. Set them, or run it through the service discovery of npm start: ` +
        "node scripts/with-services.mjs node scripts/boot.mjs --prepare-only",
    );
    return 1;
  }
  try {
    await prepareApp({ env: process.env, log, seed: argv.includes("--seed"), build: !argv.includes("--no-build") });
    return 0;
  } catch (err) {
    log.error(err.message);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await cli(process.argv.slice(2)));
}
