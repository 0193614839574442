import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";

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
