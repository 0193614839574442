import type { Redis } from "ioredis";
import { pgPool } from "@/lib/db/pg-pool";
import { redis } from "@/lib/redis/connection";
import { changedSeqKey, freshVersion, periodVersionKey, VERSION_TTL } from "@/lib/redis/cap-versions";
import type { CapKey } from "./cap-budgets";
import type { CapFigures } from "./held-spend";

/** The reads a value snapshot (lib/limits/read-value-snapshot.ts) is made of, for one (budget, period). */

// The period's version (created as a fresh random integer when missing, as a check's round trip
// would) and its changed-values sequence number ("0": none recorded yet), atomically.
const TAG = `
local v = redis.call("GET", KEYS[1])
if not v then
  redis.call("SET", KEYS[1], ARGV[1], "EX", tonumber(ARGV[2]))
  v = ARGV[1]
end
return { v, redis.call("GET", KEYS[2]) or "0" }`;

type WithTag = Redis & { burnrateSnapshotTag(n: number, ...args: string[]): Promise<[string, string]> };

export async function readTag(orgId: string, key: CapKey): Promise<{ periodVersion: string; seq: number }> {
  const r = redis() as WithTag;
  // Stryker disable next-line ConditionalExpression,StringLiteral: defining the script again defines the same command
  if (typeof r.burnrateSnapshotTag !== "function") r.defineCommand("burnrateSnapshotTag", { lua: TAG });
  const [periodVersion, seq] = await r.burnrateSnapshotTag(
    2,
    periodVersionKey(orgId, key.budget.id, key.period.start),
    changedSeqKey(orgId, key.budget.id, key.period.start),
    freshVersion(),
    String(VERSION_TTL),
  );
  return { periodVersion: String(periodVersion), seq: Number(seq) };
}

// What reservations hold (open and unexpired, or settled but not yet folded into the spend) and
// the overrides, per value: the same rules as burnrate_cap_figures (migration 20261130093000).
const HOLDS_SQL = `
SELECT coalesce(h.v, o.v) AS v, coalesce(h.held, 0)::text AS held, coalesce(o.extra, 0)::text AS extra, h.next
FROM (
  SELECT h."scopeValue" AS v, sum(h."amountPico") AS held,
         min(h."expiresAt") FILTER (WHERE h.state = 'open') AS next
    FROM reservation_holds h
    LEFT JOIN budget_period_spend s ON s."orgId" = h."orgId" AND s."budgetId" = h."budgetId"
     AND s."periodStart" = h."periodStart" AND s."scopeValue" = h."scopeValue"
   WHERE h."orgId" = $1 AND h."budgetId" = $2 AND h."periodStart" = $3
     AND ((h.state = 'open' AND h."expiresAt" > now())
       OR (h.state = 'settled' AND h."settledAt" >= coalesce(s."foldedBefore", '-infinity')))
   GROUP BY 1
) h
FULL JOIN (
  SELECT "scopeValue" AS v, sum("amountPico") AS extra FROM budget_overrides
   WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3 GROUP BY 1
) o ON o.v = h.v`;

const SPENT_SQL = (after: boolean) => `
SELECT "scopeValue" AS v, "spentPico"::text AS spent FROM budget_period_spend
 WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3${after ? ` AND "scopeValue" > $5` : ""}
 ORDER BY "scopeValue" LIMIT $4`;

// Stands for the period's spend rows: their number and the XOR of a 64-bit hash of each value
// seeded with its spend (each value appears once). Any row added, removed or changed changes it
// (but for a 2^-64 chance). 7 ms for 100,000 rows (a sum of numeric hashes took 16-34 ms).
const SIGNATURE_SQL = `
SELECT count(*)::text || '/' || coalesce(bit_xor(hashtextextended("scopeValue", "spentPico")), 0)::text AS sig
  FROM budget_period_spend WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3`;

const periodOf = (orgId: string, key: CapKey) => [orgId, key.budget.id, key.period.start];

/** Per value with a hold or an override: what they add (spentPico 0 here). */
export async function readHolds(orgId: string, key: CapKey): Promise<Map<string, CapFigures>> {
  const holds = new Map<string, CapFigures>();
  const { rows } = await pgPool().query({ text: HOLDS_SQL, values: periodOf(orgId, key), rowMode: "array" });
  for (const r of rows)
    holds.set(r[0], { spentPico: 0n, reservedPico: BigInt(r[1]), overridePico: BigInt(r[2]), nextExpiry: r[3] });
  return holds;
}

/** The signature of the period's spend rows (equal signatures: the same rows). */
export async function readSpendSignature(orgId: string, key: CapKey): Promise<string> {
  return (await pgPool().query(SIGNATURE_SQL, periodOf(orgId, key))).rows[0].sig;
}

/** One page of the period's spend, [value, spent] by value, after `after` (null: from the first). */
export async function readSpendPage(orgId: string, key: CapKey, size: number, after: string | null) {
  const base = [...periodOf(orgId, key), size];
  const page = await pgPool().query({
    text: SPENT_SQL(after !== null),
    values: after === null ? base : [...base, after],
    rowMode: "array",
  });
  return page.rows as [string, string][];
}
