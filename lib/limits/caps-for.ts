import { rateLimitWindow, throwIfOverLimit } from "@/lib/redis/rate-limit-window";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { redisUsable } from "@/lib/redis/connection";
import { orgVersionKey } from "@/lib/redis/cap-versions";
import type { OrgContext } from "@/lib/tenancy/context";
import { type CapKey, capKeysOf, confirmedCapOrg, lastKnownCapOrg, loadCapOrg } from "./cap-budgets";
import { keyNames } from "./key-names";
import { limitsRoundTrip } from "./limits-round-trip";
import { perValueBudget } from "./value-snapshots";

/** Each key's period version and value version, in that order. */
export function versionKeysOf(orgId: string, keys: CapKey[]): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const n = keyNames(orgId, k);
    out.push(n.periodVersion, n.valueVersion);
  }
  return out;
}

/** For the keys of "*" budgets: where their values' last changes are recorded (lib/limits/value-snapshots.ts). */
const changedLookupsOf = (orgId: string, keys: CapKey[]) =>
  keys.flatMap((k) => (perValueBudget(k) ? [{ key: keyNames(orgId, k).changedValues, value: k.scopeValue }] : []));

/** The round trip's sequence numbers, one per key (null for a key without a lookup, or none recorded). */
function changedSeqsOf(keys: CapKey[], seqs: (number | null)[]): (number | null)[] {
  let j = 0;
  return keys.map((k) => (perValueBudget(k) ? (seqs[j++] ?? null) : null));
}

/**
 * The organisation's caps for this call and their versions, in one Redis round trip that also
 * counts the caller's rate limit. Redis down: Postgres alone (no copies used, no rate limit).
 * No call waits on reading the budgets while Redis confirms the copy's version.
 */
export async function capsFor(ctx: OrgContext, call: Parameters<typeof capKeysOf>[1], now: Date, rateSubject?: string) {
  // The last copy, however old: its keys' versions come in the same round trip, and if Redis
  // confirms its version it is used (see confirmedCapOrg).
  const known = lastKnownCapOrg(ctx.orgId);
  let keys = known ? capKeysOf(known, call, now) : [];
  const rate = rateSubject ? rateLimitWindow(rateSubject) : null;
  let versions: string[] | null = null;
  let changedSeqs: (number | null)[] = [];
  try {
    // Redis not connected: no waiting on its reconnection, Postgres answers now.
    if (!redisUsable()) throw new Error("Redis not connected");
    const rt = await limitsRoundTrip(
      rate && { ...rate, cost: 1 },
      [orgVersionKey(ctx.orgId), ...versionKeysOf(ctx.orgId, keys)],
      changedLookupsOf(ctx.orgId, keys),
    );
    if (rate) throwIfOverLimit(rt.used, env().RATE_LIMIT_PER_MINUTE, rate.retryAfter);
    versions = rt.versions;
    changedSeqs = changedSeqsOf(keys, rt.changedSeqs);
  } catch (err) {
    // Redis unavailable (its connection logs that): Postgres decides alone, unthrottled, uncached.
    if (err instanceof AppError) throw err;
  }
  const orgVersion = versions?.[0] ?? null;
  let org = orgVersion === null ? undefined : confirmedCapOrg(ctx.orgId, orgVersion);
  if (!org || org !== known) {
    // Budgets changed (or never read, or Redis down): read them, unless a read just replaced the
    // copy; either way the key versions fetched were for the old list, so no figure copy is used.
    org ??= await loadCapOrg(ctx.orgId, orgVersion);
    keys = capKeysOf(org, call, now);
    versions = null;
    changedSeqs = [];
  }
  return { org, keys, keyVersions: versions?.slice(1) ?? null, changedSeqs };
}
