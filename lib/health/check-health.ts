import { db } from "@/lib/db";
import { redis } from "@/lib/redis/connection";
import pkg from "@/package.json" with { type: "json" };

type Status = "ok" | "down";

async function probe(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<Status> {
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs))]);
    return "ok";
  } catch {
    return "down";
  }
}

export async function checkHealth() {
  const [postgres, redisStatus] = await Promise.all([
    probe(() => db().$queryRaw`SELECT 1`),
    probe(() => redis().ping()),
  ]);
  const ok = postgres === "ok" && redisStatus === "ok";
  return {
    ok,
    body: { status: ok ? ("ok" as const) : ("degraded" as const), postgres, redis: redisStatus, version: pkg.version },
  };
}
