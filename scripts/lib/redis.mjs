// Redis: REDIS_URL, else 127.0.0.1:6379 if it answers PING, else `redis-server` from PATH on
// 127.0.0.1:63790 with its files under .data/redis, stopped by the last process using it (leases).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { acquireLease, otherLeaseHolders, releaseLease } from "./leases.mjs";
import { isPortFree } from "./net.mjs";
import { DATA_DIR, ROOT, findOnPath, pidAlive, sleep, tail } from "./paths.mjs";
import { createLog, dim } from "./terminal.mjs";

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

/** The local server's port (BURNRATE_PROBE_REDIS_PORT, default 6379) and its answer to PING ("PONG" if usable). */
export async function probeLocalRedis() {
  const port = Number(process.env.BURNRATE_PROBE_REDIS_PORT || 6379);
  return { port, reply: await redisPing(port) };
}

/**
 * Resolves a Redis server. Returns { url, source: "env" | "local" | "spawned", stop() }.
 */
export async function resolveRedis({ log = createLog("redis") } = {}) {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, source: "env", stop: async () => {} };
  if (!process.env.BURNRATE_FORCE_LOCAL_REDIS) {
    const { port: probePort, reply } = await probeLocalRedis();
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
