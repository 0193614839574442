import { log } from "@/lib/log";
import { redis, redisKey, redisUsable } from "./connection";

/**
 * Versions in Redis that say when a cached cap state went stale. Postgres holds every figure a
 * cap is decided on (rollup spend, holds, overrides); a process caches what it read, tagged with
 * the versions it saw before reading, and trusts the copy only while they are unchanged. Three
 * levels, each bumped after the Postgres commit that changes what it covers:
 *   - the organisation: its hard-capped budgets, time zone, fail mode;
 *   - a budget's period: its evaluation saved new spend for the period (all its values at once);
 *   - one (budget, period, value): a hold was added, released, settled or expired, an override made.
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

async function bump(orgId: string, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  try {
    // Not connected: fail now rather than wait for the reconnection (a Redis outage must not slow ingest).
    if (!redisUsable()) throw new Error("Redis not connected");
    const m = redis().multi();
    for (const k of keys) m.incr(k).expire(k, VERSION_TTL_SECONDS);
    const res = await m.exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
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

export const bumpValueVersions = (orgId: string, keys: CapKeyParts[]) =>
  bump(
    orgId,
    keys.map((k) => valueVersionKey(orgId, k)),
  );
