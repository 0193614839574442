import type { Redis } from "ioredis";
import { pgPool } from "@/lib/db/pg-pool";
import { redis } from "@/lib/redis/connection";
import { changedSeqKey, freshVersion, periodVersionKey, VERSION_TTL } from "@/lib/redis/cap-versions";
import type { CapKey } from "./cap-budgets";
import type { CapFigures } from "./held-spend";

/**
 * A value's figures and the read that last saw it. A snapshot read again updates its slots in
 * place: an unchanged value allocates nothing, so a re-read of 100,000 values leaves almost no new
 * objects alive (a new Map of new objects each second made every young-generation collection copy
 * them: 5-15 ms pauses in the check's p99).
 */
export type ValueSlot = { f: CapFigures; read: number };

/** The figures of every value of one (budget, period), as read after `periodVersion` and `seq`. */
export type ValueSnapshot = {
  periodVersion: string;
  /** The period's changed-values sequence number when read: a value changed later is not in it. */
  seq: number;
  /** When the read began (before the versions were read). */
  at: number;
  /** Values with any spend, hold or override; a value not here has none. */
  values: Map<string, ValueSlot>;
  /** This read's number: every slot it saw carries it. */
  read: number;
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

const sameFigures = (a: CapFigures, b: CapFigures) =>
  a.spentPico === b.spentPico &&
  a.reservedPico === b.reservedPico &&
  a.overridePico === b.overridePico &&
  (a.nextExpiry?.getTime() ?? null) === (b.nextExpiry?.getTime() ?? null);

/** Sets a value's figures in `values`, keeping its slot and figures object when they are the same. */
function put(values: Map<string, ValueSlot>, v: string, f: CapFigures, read: number) {
  const slot = values.get(v);
  if (!slot) values.set(v, { f, read });
  else {
    if (!sameFigures(slot.f, f)) slot.f = f;
    slot.read = read;
  }
}

/**
 * Reads every value's figures of the key's (budget, period): first its version and sequence number
 * in Redis, then Postgres (holds and overrides in one statement, the spend in pages of `pageSize`
 * values by the primary key, so no page holds the event loop long). The statements need not agree
 * with one another: whatever commits after the versions were read bumps the period's version or
 * records the value as changed, and the snapshot is then not used for it. Null past `maxValues`.
 *
 * `into` (a previous read's snapshot of the same period) is updated in place: each slot is replaced
 * by this read's figures as the pages come, values gone are deleted at the end. Figures newer than
 * the previous read are right under its versions too (they only differ where a later change was
 * recorded, which makes the snapshot unusable for that value), so checks may use it meanwhile.
 */
export async function readValueSnapshot(
  orgId: string,
  key: CapKey,
  opts: { pageSize: number; maxValues: number },
  into?: ValueSnapshot,
): Promise<ValueSnapshot | null> {
  const at = Date.now();
  const { periodVersion, seq } = await readTag(orgId, key);
  const base = [orgId, key.budget.id, key.period.start];
  const values = into?.values ?? new Map<string, ValueSlot>();
  const read = (into?.read ?? 0) + 1;
  const holds = new Map<string, CapFigures>();
  for (const r of (await pgPool().query({ text: HOLDS_SQL, values: base, rowMode: "array" })).rows)
    holds.set(r[0], { spentPico: 0n, reservedPico: BigInt(r[1]), overridePico: BigInt(r[2]), nextExpiry: r[3] });
  let seen = 0;
  let last: string | null = null;
  for (;;) {
    const page = await pgPool().query({
      text: SPENT_SQL(last !== null),
      values: last === null ? [...base, opts.pageSize] : [...base, opts.pageSize, last],
      rowMode: "array",
    });
    for (const [v, spent] of page.rows as [string, string][]) {
      const spentPico = BigInt(spent);
      const held = holds.get(v);
      if (held) held.spentPico = spentPico;
      else if (spentPico !== 0n) {
        put(values, v, { spentPico, reservedPico: 0n, overridePico: 0n, nextExpiry: null }, read);
        seen++;
      }
    }
    if (seen + holds.size > opts.maxValues) return null;
    if (page.rows.length < opts.pageSize) break;
    last = page.rows[page.rows.length - 1][0] as string;
  }
  for (const [v, f] of holds) put(values, v, f, read);
  seen += holds.size;
  if (values.size > seen) for (const [v, slot] of values) if (slot.read !== read) values.delete(v);
  return { periodVersion, seq, at, values, read };
}
