import { log } from "@/lib/log";
import { redis, redisKey, redisUsable } from "./connection";

/**
 * Versions in Redis that say when a cached cap state went stale. Postgres holds every figure a
 * cap is decided on (rollup spend, holds, overrides); a process caches what it read, tagged with
 * the versions it saw before reading, and trusts the copy only while they are unchanged. Three
 * levels, each bumped after the Postgres commit that changes what it covers:
 *   - the organisation: its hard-capped budgets, time zone, fail mode;
 *   - a budget's period: its evaluation saved new spend for the period (all its values at once);
 *   - one (budget, period, value): a hold was added, released, settled or expired, an override made
 *     (recorded in its period's changed values too, see changedValuesKey).
 * A flushed or restarted Redis loses the versions: a missing version never equals a cached one
 * (see `versionOf`), so every cache is read again from Postgres and no stale figure survives.
 */
export type CapKeyParts = { budgetId: string; periodStart: Date; scopeValue: string };

/** How long versions live without a bump (past any period a cache entry could be used in). */
const VERSION_TTL_SECONDS = 3 * 24 * 3600;

export const orgVersionKey = (orgId: string) => redisKey("capv", orgId);
export const periodVersionKey = (orgId: string, budgetId: string, periodStart: Date) =>
  redisKey("capv", orgId, budgetId, String(periodStart.getTime()));
export const valueVersionKey = (orgId: string, k: CapKeyParts) =>
  redisKey("capv", orgId, k.budgetId, String(k.periodStart.getTime()), k.scopeValue);

export const VERSION_TTL = VERSION_TTL_SECONDS;

/**
 * A missing version is created by its first reader as a random integer (lib/limits/limits-round-trip.ts):
 * after a flush or an expiry it differs from whatever a process cached, so a flush can only cause
 * a re-read, never a stale hit; INCR works on it.
 */
export const freshVersion = () => String(Math.floor(Math.random() * 2 ** 50) + 1);

const listeners = new Set<(orgId: string) => void>();
/** In-process notice that a bump failed: this process's caches drop the organisation. */
export function onCapVersionLost(listener: (orgId: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Per (budget, period), for the per-process snapshots of all its values (lib/limits/value-snapshots.ts):
 * a sequence number and the values whose holds or overrides changed, each scored with the sequence
 * number of its last change. A snapshot read when the sequence was S is good for a value scored
 * at most S (or not at all). Both keys are written together and expire together; a bump that finds
 * them gone (expired, flushed) bumps the period's version too, so no snapshot outlives its history.
 */
export const changedSeqKey = (orgId: string, budgetId: string, periodStart: Date) =>
  redisKey("capq", orgId, budgetId, String(periodStart.getTime()));
export const changedValuesKey = (orgId: string, budgetId: string, periodStart: Date) =>
  redisKey("capd", orgId, budgetId, String(periodStart.getTime()));

// A missing version is set to the fresh random integer passed before it is incremented (INCR on a
// missing key would give 1, a value an earlier life of the key may have had and a copy still carries).
const BUMP = `
local ttl = tonumber(ARGV[1])
local function bump(k, fresh)
  if redis.call("EXISTS", k) == 0 then redis.call("SET", k, fresh) end
  redis.call("INCR", k)
  redis.call("EXPIRE", k, ttl)
end
local n = tonumber(ARGV[2])
for i = 1, n do bump(KEYS[i], ARGV[2 + i]) end
-- Then groups of 4 keys (value version, period version, sequence, changed values) and 3 arguments
-- (fresh value version, fresh period version, value) per changed value.
local a = 3 + n
for i = n + 1, #KEYS, 4 do
  bump(KEYS[i], ARGV[a])
  if redis.call("EXISTS", KEYS[i + 2]) == 0 then bump(KEYS[i + 1], ARGV[a + 1]) end
  local seq = redis.call("INCR", KEYS[i + 2])
  redis.call("ZADD", KEYS[i + 3], seq, ARGV[a + 2])
  redis.call("EXPIRE", KEYS[i + 2], ttl)
  redis.call("EXPIRE", KEYS[i + 3], ttl)
  a = a + 3
end
return 1`;

type WithBump = ReturnType<typeof redis> & { burnrateCapBump(n: number, ...args: string[]): Promise<number> };

async function bump(orgId: string, keys: string[], values: CapKeyParts[] = []): Promise<void> {
  if (keys.length === 0 && values.length === 0) return;
  try {
    // Not connected: fail now rather than wait for the reconnection (a Redis outage must not slow ingest).
    if (!redisUsable()) throw new Error("Redis not connected");
    const r = redis() as WithBump;
    if (typeof r.burnrateCapBump !== "function") r.defineCommand("burnrateCapBump", { lua: BUMP });
    const redisKeys = [...keys];
    const args = [String(VERSION_TTL_SECONDS), String(keys.length), ...keys.map(freshVersion)];
    for (const v of values) {
      redisKeys.push(
        valueVersionKey(orgId, v),
        periodVersionKey(orgId, v.budgetId, v.periodStart),
        changedSeqKey(orgId, v.budgetId, v.periodStart),
        changedValuesKey(orgId, v.budgetId, v.periodStart),
      );
      args.push(freshVersion(), freshVersion(), v.scopeValue);
    }
    await r.burnrateCapBump(redisKeys.length, ...redisKeys, ...args);
  } catch (err) {
    // This process forgets the organisation's cached caps; other processes' copies expire by age
    // (CAP_CACHE_MAX_AGE_MS): a cap decided meanwhile reads Postgres or a copy at most that old.
    for (const l of listeners) l(orgId);
    log.warn({ err, orgId }, "could not bump cap versions (Redis); caches expire by age");
  }
}

export const bumpOrgVersion = (orgId: string) => bump(orgId, [orgVersionKey(orgId)]);

export const bumpPeriodVersions = (orgId: string, periods: { budgetId: string; periodStart: Date }[]) =>
  bump(
    orgId,
    periods.map((p) => periodVersionKey(orgId, p.budgetId, p.periodStart)),
  );

/** A hold or override of these values changed: their versions, and their periods' changed values. */
export const bumpValueVersions = (orgId: string, keys: CapKeyParts[]) => bump(orgId, [], keys);
