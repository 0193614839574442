import { execSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** PID of the process listening on a TCP port (Linux `ss`), or null. */
export function pidOnPort(port: number): number | null {
  try {
    const out = execSync(`ss -ltnpH 'sport = :${port}'`, { encoding: "utf8" });
    const m = /pid=(\d+)/.exec(out);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Peak resident set size of a process in MB (VmHWM), or null. */
export function peakRssMb(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Defaults so a benchmark runs beside `npm start` with no setup: the local database and Redis. */
export function benchEnv(): void {
  process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/burnrate";
  process.env.REDIS_URL ??= "redis://127.0.0.1:6379";
  process.env.NEXTAUTH_SECRET ??= "bench-only-secret-never-used-for-sessions"; // required by env validation; benches sign nothing
}

const PROCESS_KINDS: [string, RegExp][] = [
  ["postgres", /postgres/],
  ["web", /next-server|next\/dist\/bin\/next/],
  ["worker", /workers\/index/],
  ["redis", /redis-server/],
];
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU time (in clock ticks) of every process, grouped into postgres / web / worker / redis / bench / other. */
export function cpuSnapshot(): Map<number, { kind: string; ticks: number }> {
  const snap = new Map<number, { kind: string; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      const kind = pid === process.pid ? "bench" : (PROCESS_KINDS.find(([, re]) => re.test(cmd))?.[0] ?? "other");
      snap.set(pid, { kind, ticks });
    } catch {
      // the process ended between readdir and read
    }
  }
  return snap;
}

/** CPU milliseconds per 1,000 events of each process kind between two snapshots. */
export function cpuPerThousand(
  before: ReturnType<typeof cpuSnapshot>,
  after: ReturnType<typeof cpuSnapshot>,
  events: number,
): Record<string, number> {
  const ms: Record<string, number> = {};
  for (const [pid, { kind, ticks }] of after) {
    const used = ticks - (before.get(pid)?.ticks ?? 0);
    if (used > 0) ms[kind] = (ms[kind] ?? 0) + (used * 1000) / CLOCK_TICKS;
  }
  const total = Object.values(ms).reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    [...Object.entries(ms), ["total", total]].map(([k, v]) => [k, (v as number) / (events / 1000)]),
  );
}

/** Tables without a foreign key to organizations (bulk tables), cleared by hand after a benchmark. */
const BULK_TABLES = [
  "usage_events",
  "event_keys",
  "rollup_deltas",
  "spend_rollups",
  "spend_rollups_daily",
  "reprice_jobs",
];

/** Removes a benchmark's organisation, its user and every row it wrote, so runs start from the same state. */
export async function deleteBenchOrg(
  client: { query: (sql: string, values?: unknown[]) => Promise<unknown> },
  orgId: string,
  userId: string,
): Promise<void> {
  for (const table of BULK_TABLES) await client.query(`DELETE FROM ${table} WHERE "orgId" = $1`, [orgId]);
  await client.query(`DELETE FROM organizations WHERE id = $1`, [orgId]);
  await client.query(`DELETE FROM users WHERE id = $1`, [userId]);
}

/**
 * Deletes every Redis key under a benchmark's prefix (its cap versions live three days otherwise:
 * 20,000+ keys a bench:limits run), with SCAN and UNLINK so a large database is not blocked.
 */
export async function dropRedisPrefix(prefix: string): Promise<number> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  let dropped = 0;
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) dropped += await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return dropped;
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
};

/**
 * Watches one measured phase: the garbage collector's pauses (count, total, longest) and how late the
 * event loop ran (p99 of its delay), so a latency tail can be told apart from collection or scheduling.
 */
export function watchPhase(): () => string {
  /** Each kind's pauses in ms, in the order seen. */
  const kinds = new Map<string, number[]>();
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? "other";
      const seen = kinds.get(kind) ?? [];
      seen.push(entry.duration);
      kinds.set(kind, seen);
    }
  });
  gc.observe({ entryTypes: ["gc"] });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  return () => {
    gc.disconnect();
    loop.disable();
    const pauses = [...kinds.values()].flat();
    const total = pauses.reduce((a, b) => a + b, 0);
    const longest = pauses.reduce((a, b) => Math.max(a, b), 0);
    const over2 = pauses.filter((p) => p > 2).length;
    const byKind = [...kinds].map(([k, d]) => `${d.length} ${k} (longest ${Math.max(...d).toFixed(1)} ms)`).join(", ");
    return `gc ${byKind}; ${pauses.length} pauses, ${total.toFixed(0)} ms in all, longest ${longest.toFixed(1)} ms, ${over2} over 2 ms; loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms`;
  };
}
