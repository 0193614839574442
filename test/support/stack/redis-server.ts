// A throwaway redis-server (Debian's, from PATH) on its own port, for fault tests and the soak:
// restarting it never touches the machine's shared Redis. No persistence, so a restart also loses
// every key (queues, rate-limit windows): the harsher case, which Redis-as-derived-state must survive.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, probeTcp } from "./free-port";

export type RedisServer = {
  url: string;
  port: number;
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "burnrate-redis-"));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 100 && !(await probeTcp(port)); i++) await sleep(50);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  await start();
  const killOnExit = () => child?.kill("SIGKILL");
  process.once("exit", killOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    restart: async (downMs = 0) => {
      await stop();
      await sleep(downMs);
      await start();
    },
    destroy: async () => {
      process.removeListener("exit", killOnExit);
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
