// `npm start`: from a fresh clone to a running Burnrate (web app + worker) in one command.
//
//   npm start            install if needed, resolve Postgres/Redis, migrate, build if needed, run
//   npm start -- --dev   same, with `next dev` instead of a production build, and the demo seed
//   flags: --seed (run the demo seed, also in production mode), --no-seed (not even with --dev),
//          --port N (default $PORT or 3000). The demo's owner password is public: production mode never
//          seeds it unless asked.
//
// The demo seed is idempotent but slow, so it runs only for a database it has not seeded yet (the
// database is identified by its first _prisma_migrations row, so a re-created one is seeded again) or
// after prisma/seed* or the migrations changed; .data/seeded.json remembers.
//
// One Ctrl-C (SIGINT) or SIGTERM stops the web app, the worker and any Postgres/Redis started here:
// the web app stops accepting and finishes its in-flight requests, the worker finishes or returns its
// jobs, and this exits 0. The npm script `exec`s this file so that npm's forwarded SIGTERM reaches it;
// if it is orphaned anyway (a shell in between died), it stops as on SIGTERM. A web app or worker that
// dies on its own is restarted with backoff (scripts/lib/supervise.mjs), the cause logged.
import { appSpecs, prepareApp } from "./boot.mjs";
import { supervise, watchParent } from "./lib/supervise.mjs";
import {
  ROOT,
  bold,
  createLog,
  cyan,
  dim,
  ensureSecret,
  green,
  isPortFree,
  killChildGroups,
  loadDotEnv,
  magenta,
  maskUrl,
  prepareServices,
  red,
  signalChildren,
  step as timedStep,
  stopChild,
  waitForHttp,
} from "./services.mjs";

const log = createLog("start");
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const dev = flag("--dev");
const seed = flag("--seed") || (dev && !flag("--no-seed"));
const forceSeed = flag("--seed");
const portArg = argv.includes("--port") ? argv[argv.indexOf("--port") + 1] : undefined;
const t0 = performance.now();

const services = []; // { stop() } of Postgres/Redis, stopped last
let phase = "setup"; // setup -> running -> stopping
let firstSignalAt = 0;
let stopRequested = null; // signal name once asked to stop
let apps = []; // { name, child } of the supervisor
let supervisor = null;

function onSignal(signal) {
  const now = Date.now();
  if (firstSignalAt && now - firstSignalAt < 1500) return; // npm forwards the terminal's SIGINT again
  if (firstSignalAt) {
    log(red(`${signal} again: killing everything now`));
    killChildGroups();
    return;
  }
  firstSignalAt = now;
  stopRequested = signal;
  log(`${signal} received: stopping${phase === "running" ? " web and worker" : ""} (again to force)`);
  if (supervisor)
    void supervisor.stop(signal); // drains the two apps
  else signalChildren(signal); // setup commands
}
process.on("SIGINT", () => onSignal("SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM"));
process.on("SIGHUP", () => onSignal("SIGTERM"));
watchParent(() => {
  log.warn("parent process gone (orphaned): stopping as on SIGTERM");
  onSignal("SIGTERM");
});

/** A timed step that refuses to begin once a stop was requested. */
function step(name, fn) {
  if (stopRequested) throw new Error(`interrupted before ${name}`);
  return timedStep(log, name, fn);
}

async function stopServices() {
  for (const s of services.reverse()) {
    await s.stop().catch((err) => log.warn(`stopping a service failed: ${err.message}`));
  }
}

function prefixLines(stream, out, label) {
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    buf += chunk;
    for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
      out.write(`${label} ${buf.slice(0, i)}\n`);
      buf = buf.slice(i + 1);
    }
  });
  stream.on("end", () => buf && out.write(`${label} ${buf}\n`));
}

/** Prefixes each app's output lines with its name. */
function labelOutput({ name, child }) {
  const label = (name === "web" ? cyan : magenta)(`${name.padEnd(6)}|`);
  prefixLines(child.stdout, process.stdout, label);
  prefixLines(child.stderr, process.stderr, label);
}

async function main() {
  loadDotEnv();
  log(`Burnrate ${dev ? "development" : "production"} start in ${ROOT}`);

  const port = Number(portArg ?? process.env.PORT ?? 3000);
  const portBusy = () => new Error(`port ${port} is already in use; stop what runs there or use PORT=<n> npm start`);
  if (!(await isPortFree(port))) throw portBusy();

  const { pg, redis } = await prepareServices(step, log, services);
  const env = {
    ...process.env,
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    NEXTAUTH_SECRET: ensureSecret(log),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    PORT: String(port),
    NODE_ENV: dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };

  await prepareApp({ env, log, step, seed, forceSeed, build: !dev });
  if (!(await isPortFree(port))) throw portBusy();

  if (stopRequested) throw new Error("interrupted before starting the apps");
  phase = "running";
  supervisor = supervise(appSpecs({ env, port, dev }), { log, onStart: labelOutput });
  apps = supervisor.apps;
  log(
    `started ${apps.map((a) => `${a.name} (pid ${a.child.pid})`).join(" and ")} ${dim(`(setup took ${((performance.now() - t0) / 1000).toFixed(1)}s)`)}`,
  );

  // Announce once the app answers; do not stop it if it is slow (next dev compiles on first request).
  waitForHttp(`http://127.0.0.1:${port}/api/health`, {
    timeoutMs: dev ? 180000 : 90000,
    abort: () => (stopRequested ? "stopped" : null),
  })
    .then(() => {
      const lines = [
        "",
        `  ${bold("Burnrate is running at")} ${green(env.NEXTAUTH_URL)}`,
        seed
          ? `  Demo login: ${bold("demo@burnrate.local")} / ${bold("burnrate-demo")}`
          : `  ${dim("No demo organisation (npm start -- --seed, or npm run dev, adds one)")}`,
        `  Postgres: ${maskUrl(pg.url)} ${dim(`(${pg.source})`)}`,
        `  Redis:    ${redis.url} ${dim(`(${redis.source})`)}`,
        ...(process.env.NEXTAUTH_URL
          ? []
          : [
              `  ${dim("Links in emails, invites and sign-out use this address: to open Burnrate from another machine, set NEXTAUTH_URL to the address people use.")}`,
            ]),
        `  Ready ${((performance.now() - t0) / 1000).toFixed(1)}s after start. Press Ctrl-C to stop.`,
        "",
      ];
      console.log(lines.join("\n"));
    })
    .catch((err) => {
      if (!stopRequested) log.warn(`${err.message}; it may still come up at ${env.NEXTAUTH_URL}`);
    });

  // Only a signal stops the supervisor; it restarts a crashed app by itself.
  await supervisor.stopped;
  phase = "stopping";
  return 0;
}

let exitCode;
try {
  exitCode = await main();
} catch (err) {
  if (stopRequested) {
    log(`stopped during set-up (${err.message})`);
    exitCode = 130;
  } else {
    log.error(err.message);
    exitCode = 1;
  }
}
await Promise.all(apps.map((a) => a.child && stopChild(a.child, "SIGTERM", 10000)));
await stopServices();
log(`exit ${exitCode} ${dim(`(total ${((performance.now() - t0) / 1000).toFixed(1)}s)`)}`);
process.exit(exitCode);
