// Supervision of the long-running children of `npm start` (the web app and the worker):
// - a child that exits while nobody asked it to stop is restarted after a backoff (0.5 s, doubling to
//   30 s; back to 0.5 s once it has run for a minute), and the restart is logged with its cause (exit
//   code or signal, and the last lines it wrote to stderr);
// - stop(signal) forwards the signal once and waits for each child to drain (bounded by its own
//   grace period, then SIGKILL to its process group).
import { stopChild } from "./children.mjs";
import { dim } from "./terminal.mjs";

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
const STABLE_AFTER_MS = 60_000;
const STDERR_LINES_KEPT = 40;

/** Keeps the last lines a child wrote to stderr, for the log line that reports its death. */
function rememberStderr(child) {
  const lines = [];
  child.stderr?.on("data", (chunk) => {
    for (const line of String(chunk).split("\n")) {
      if (!line.trim()) continue;
      lines.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
      if (lines.length > STDERR_LINES_KEPT) lines.shift();
    }
  });
  return lines;
}

/** The line of a dying child's stderr that says why: the last one naming an error, else the last one. */
function causeOf(lines) {
  const thrown = lines.findLast((l) => /^\s*(\w*Error|error|Uncaught\w*)(:| \[)/.test(l)); // what Node prints
  const logged = lines.findLast((l) => /error|exception|fatal/i.test(l));
  return (thrown ?? logged ?? lines.at(-1) ?? "").trim();
}

/**
 * specs: [{ name, start: () => child (from spawnTracked), graceMs }]. onStart(app) runs for every
 * (re)started child (e.g. to label its output). Returns { apps, stop(signal), stopped }.
 */
export function supervise(specs, { log, onStart = () => {} }) {
  let stopping = false;
  let resolveStopped;
  const stopped = new Promise((r) => (resolveStopped = r));
  const apps = specs.map((spec) => ({ ...spec, child: null, restarts: 0, backoffMs: FIRST_BACKOFF_MS, timer: null }));

  const launch = (app) => {
    app.timer = null;
    if (stopping) return;
    const startedAt = Date.now();
    const child = app.start();
    app.child = child;
    const stderrTail = rememberStderr(child);
    onStart(app);
    child.exited.then(({ code, signal, error }) => {
      if (stopping) return;
      if (Date.now() - startedAt > STABLE_AFTER_MS) app.backoffMs = FIRST_BACKOFF_MS;
      const delay = app.backoffMs;
      app.backoffMs = Math.min(app.backoffMs * 2, MAX_BACKOFF_MS);
      app.restarts++;
      const how = error ? `could not start: ${error.message}` : signal ? `killed by ${signal}` : `exit code ${code}`;
      const cause = stderrTail.length ? `; stderr: ${causeOf(stderrTail)}` : "";
      log.error(
        `${app.name} (pid ${child.pid}) stopped unexpectedly (${how}${cause}); ` +
          `restarting in ${(delay / 1000).toFixed(1)}s (restart #${app.restarts})`,
      );
      // Anything the dead child left in its process group (a forked server holding the port) goes too.
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      app.timer = setTimeout(() => launch(app), delay);
    });
  };
  for (const app of apps) launch(app);

  /** Forwards `signal` (null: the children already got it) and waits for every child to exit. */
  const stop = async (signal = "SIGTERM") => {
    if (stopping) return stopped;
    stopping = true;
    const t = performance.now();
    for (const app of apps) if (app.timer) clearTimeout(app.timer);
    await Promise.all(apps.map((a) => (a.child ? stopChild(a.child, signal, a.graceMs ?? 15_000) : null)));
    const codes = apps.map((a) => `${a.name} ${describeExit(a.child)}`).join(", ");
    log(`stopped: ${codes} ${dim(`(${((performance.now() - t) / 1000).toFixed(2)}s)`)}`);
    resolveStopped();
    return stopped;
  };
  return { apps, stop, stopped };
}

function describeExit(child) {
  if (!child) return "never started";
  if (child.signalCode) return `killed by ${child.signalCode}`;
  return `exit ${child.exitCode}`;
}

/**
 * Calls `onOrphaned` once if this process loses its parent (reparented): e.g. a shell between npm
 * and this script died of the SIGTERM meant for us. Without it, the apps would run on as orphans.
 */
export function watchParent(onOrphaned, intervalMs = 500) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onOrphaned();
    }
  }, intervalMs);
  timer.unref();
}
