import { orgVersionKey } from "@/lib/redis/cap-versions";
import { redisUsable } from "@/lib/redis/connection";
import { type CapOrg, confirmedCapOrg, loadCapOrg } from "./cap-budgets";
import { limitsRoundTrip } from "./limits-round-trip";

/**
 * The organisation's hard-capped budgets as they are now: the held copy while Redis confirms its
 * version (one round trip; a missing version is created, as a check creates it), else read from
 * Postgres. Redis down: read from Postgres, untagged (no copy is trusted without Redis).
 */
export async function currentCapOrg(orgId: string): Promise<CapOrg> {
  let version: string | null = null;
  try {
    if (!redisUsable()) throw new Error("Redis not connected");
    version = (await limitsRoundTrip(null, [orgVersionKey(orgId)], [])).versions[0]!;
  } catch {
    // Redis unavailable (its connection logs that): Postgres decides alone.
  }
  return (version === null ? undefined : confirmedCapOrg(orgId, version)) ?? loadCapOrg(orgId, version);
}
