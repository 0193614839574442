import type { Redis } from "ioredis";
import { pgPool } from "@/lib/db/pg-pool";
import { redis } from "@/lib/redis/connection";
import { changedSeqKey, freshVersion, periodVersionKey, VERSION_TTL } from "@/lib/redis/cap-versions";
import type { CapKey } from "./cap-budgets";
import type { CapFigures } from "./held-spend";

/** The figures of every value of one (budget, period), as read after `periodVersion` and `seq`. */
export type ValueSnapshot = {
  periodVersion: string;
  /** The period's changed-values sequence number when read: a value changed later is not in it. */
  seq: number;
  /** When the read began (before the versions were read). */
  at: number;
  /** Values with any spend, hold or override; a value not here has none. */
  values: Map<string, CapFigures>;
};

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

async function readTag(orgId: string, key: CapKey): Promise<{ periodVersion: string; seq: number }> {
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

/**
 * Reads every value's figures of the key's (budget, period): first its version and sequence number
 * in Redis, then Postgres (holds and overrides in one statement, the spend in pages of `pageSize`
 * values by the primary key, so no page holds the event loop long). The statements need not agree
 * with one another: whatever commits after the versions were read bumps the period's version or
 * records the value as changed, and the snapshot is then not used for it. Null past `maxValues`.
 */
export async function readValueSnapshot(
  orgId: string,
  key: CapKey,
  opts: { pageSize: number; maxValues: number },
): Promise<ValueSnapshot | null> {
  const at = Date.now();
  const { periodVersion, seq } = await readTag(orgId, key);
  const base = [orgId, key.budget.id, key.period.start];
  const values = new Map<string, CapFigures>();
  const holds = await pgPool().query(HOLDS_SQL, base);
  for (const r of holds.rows)
    values.set(r.v, { spentPico: 0n, reservedPico: BigInt(r.held), overridePico: BigInt(r.extra), nextExpiry: r.next });
  let last: string | null = null;
  for (;;) {
    const page = await pgPool().query(
      SPENT_SQL(last !== null),
      last === null ? [...base, opts.pageSize] : [...base, opts.pageSize, last],
    );
    for (const r of page.rows) {
      const spentPico = BigInt(r.spent);
      const held = values.get(r.v);
      if (held) held.spentPico = spentPico;
      else if (spentPico !== 0n) values.set(r.v, { spentPico, reservedPico: 0n, overridePico: 0n, nextExpiry: null });
    }
    if (values.size > opts.maxValues) return null;
    if (page.rows.length < opts.pageSize) break;
    last = page.rows[page.rows.length - 1].v as string;
  }
  return { periodVersion, seq, at, values };
}
