// Child processes of the set-up scripts.
//
// Every child runs in its own process group (detached) with stdin closed, so a Ctrl-C in the terminal
// reaches only the orchestrating script, which forwards exactly one signal. Children still running
// when this process exits are killed (SIGKILL to their group).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.mjs";

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

/** Runs a command, collecting its output; resolves { code, out } (never rejects). */
export async function runCollect(cmd, args, opts = {}) {
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

/** Runs a command untracked, collecting its output; resolves { code, out }. */
export function runCapture(cmd, args, opts) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (err) => resolve({ code: -1, out: err.message }));
    child.on("close", (code) => resolve({ code, out }));
  });
}
