import type { Redis } from "ioredis";
import { redis } from "@/lib/redis/connection";
import { freshVersion, VERSION_TTL } from "@/lib/redis/cap-versions";

// One script, one round trip: the caller's rate-limit window is counted and the cap versions are
// read (each missing one created as the random integer the caller passed), atomically.
const SCRIPT = `
local count = 0
if ARGV[1] ~= "0" then
  count = redis.call("INCRBY", KEYS[1], tonumber(ARGV[1]))
  if count == tonumber(ARGV[1]) then redis.call("EXPIRE", KEYS[1], tonumber(ARGV[2])) end
end
local out = { count }
for i = 2, #KEYS do
  local v = redis.call("GET", KEYS[i])
  if not v then
    redis.call("SET", KEYS[i], ARGV[i + 2], "EX", tonumber(ARGV[3]))
    v = ARGV[i + 2]
  end
  out[i] = v
end
return out`;

type WithScript = Redis & {
  burnrateLimits(n: number, ...args: (string | number)[]): Promise<(number | string)[]>;
};

function client(): WithScript {
  const r = redis() as WithScript;
  if (typeof r.burnrateLimits !== "function") r.defineCommand("burnrateLimits", { lua: SCRIPT });
  return r;
}

export type RateWindow = { key: string; cost: number; ttlSeconds: number };

/**
 * Counts one request in its rate-limit window (when given) and reads the versions, in one Redis
 * round trip. Throws when Redis cannot answer (the caller then reads Postgres directly).
 */
export async function limitsRoundTrip(
  rate: RateWindow | null,
  versionKeys: string[],
): Promise<{ used: number; versions: string[] }> {
  const keys = [rate?.key ?? "-", ...versionKeys];
  const args = [String(rate?.cost ?? 0), String(rate?.ttlSeconds ?? 0), String(VERSION_TTL)];
  for (let i = 0; i < versionKeys.length; i++) args.push(freshVersion());
  const res = await client().burnrateLimits(keys.length, ...keys, ...args);
  return { used: Number(res[0]), versions: res.slice(1).map(String) };
}
