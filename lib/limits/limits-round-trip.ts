import type { Redis } from "ioredis";
import { redis } from "@/lib/redis/connection";
import { freshVersion, VERSION_TTL } from "@/lib/redis/cap-versions";

// One script, one round trip: the caller's rate-limit window is counted, the cap versions are read
// (each missing one created as a fresh integer: the caller's random seed plus the key's position,
// so one argument serves every key) and the sequence numbers of the values' last changes
// (lib/redis/cap-versions.ts, changedValuesKey; "-": none), atomically.
// KEYS: rate window, the m versions, then the changed-values sets; ARGV: cost, window TTL, version
// TTL, m, seed, then the values to look up in the sets.
const SCRIPT = `
local count = 0
if ARGV[1] ~= "0" then
  count = redis.call("INCRBY", KEYS[1], tonumber(ARGV[1]))
  if count == tonumber(ARGV[1]) then redis.call("EXPIRE", KEYS[1], tonumber(ARGV[2])) end
end
local out = { count }
local m = tonumber(ARGV[4])
local seed = tonumber(ARGV[5])
for i = 2, m + 1 do
  local v = redis.call("GET", KEYS[i])
  if not v then
    v = string.format("%.0f", seed + i)
    redis.call("SET", KEYS[i], v, "EX", tonumber(ARGV[3]))
  end
  out[i] = v
end
for i = m + 2, #KEYS do
  out[i] = redis.call("ZSCORE", KEYS[i], ARGV[i + 4 - m]) or "-"
end
return out`;

type WithScript = Redis & {
  burnrateLimits(n: number, ...args: (string | number)[]): Promise<(number | string)[]>;
};

function client(): WithScript {
  const r = redis() as WithScript;
  // Stryker disable next-line ConditionalExpression,StringLiteral: defining the script again defines the same command
  if (typeof r.burnrateLimits !== "function") r.defineCommand("burnrateLimits", { lua: SCRIPT });
  return r;
}

export type RateWindow = { key: string; cost: number; ttlSeconds: number };

/** A value to look up in a period's changed values (lib/redis/cap-versions.ts). */
export type ChangedLookup = { key: string; value: string };

/**
 * Counts one request in its rate-limit window (when given), reads the versions and the sequence
 * number of each looked-up value's last change (null: none recorded), in one Redis round trip.
 * Throws when Redis cannot answer (the caller then reads Postgres directly).
 */
export async function limitsRoundTrip(
  rate: RateWindow | null,
  versionKeys: string[],
  changed: ChangedLookup[],
): Promise<{ used: number; versions: string[]; changedSeqs: (number | null)[] }> {
  // Stryker disable next-line StringLiteral: without a window (cost 0) the script never reads that key
  const keys = [rate?.key ?? "-", ...versionKeys, ...changed.map((c) => c.key)];
  const args = [
    String(rate?.cost ?? 0),
    String(rate?.ttlSeconds ?? 0),
    String(VERSION_TTL),
    String(versionKeys.length),
    freshVersion(),
  ];
  for (const c of changed) args.push(c.value);
  const res = await client().burnrateLimits(keys.length, ...keys, ...args);
  const m = versionKeys.length;
  return {
    used: Number(res[0]),
    versions: res.slice(1, m + 1).map(String),
    // Stryker disable next-line ConditionalExpression,StringLiteral: Number("-") is NaN, which no sequence number is below either
    changedSeqs: res.slice(m + 1).map((s) => (s === "-" ? null : Number(s))),
  };
}
