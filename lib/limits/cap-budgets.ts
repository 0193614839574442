import { onBudgetsChanged } from "@/lib/budgets/budgets-changed";
import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { type BudgetRow, toBudgetRow } from "@/lib/budgets/budget-row";
import { type Period, periodAt } from "@/lib/budgets/budget-period";
import { onCapVersionLost } from "@/lib/redis/cap-versions";
import { budgetMatcher, type CallAttributes, type CapMatch } from "./match-budgets";

/** One hard-capped budget a call falls in, in its current period, under one value. */
export type CapKey = { budget: BudgetRow; period: Period; scopeValue: string };

export type FailMode = "open" | "closed";

/** An organisation's hard-capped budgets and cap settings, as one process last read them. */
export type CapOrg = {
  at: number;
  /** The organisation's cap version (lib/redis/cap-versions.ts) read before them; null: unknown. */
  version: string | null;
  timeZone: string;
  failMode: FailMode;
  budgets: BudgetRow[];
  /** What changes when any of the above does (see capOrgSignature): a re-read first compares it. */
  signature: string;
};

/**
 * Longest a process uses what it read without Redis confirming it is current (a bump that could
 * not reach Redis, or Redis down): a change made elsewhere applies to checks within this time.
 */
export const CAP_CACHE_MAX_AGE_MS = 2_000;

const cache = new Map<string, CapOrg>();
// This process's own budget changes apply at once; so does a lost version bump.
onBudgetsChanged((orgId) => cache.delete(orgId));
onCapVersionLost((orgId) => cache.delete(orgId));

/** The organisation's cap settings as last read, however old (for the fail mode when nothing can be read). */
export const lastKnownCapOrg = (orgId: string): CapOrg | undefined => cache.get(orgId);

/**
 * One cheap row that changes whenever the cap settings or the hard-capped budgets do: the time
 * zone, the fail mode, how many hard-capped budgets and when the latest of them was written
 * (Prisma sets updatedAt on every write; a removed budget lowers the count).
 */
async function capOrgSignature(orgId: string): Promise<string> {
  const { rows } = await pgPool().query(
    `SELECT o."timeZone" || '|' || o."capFailMode" || '|' || count(b.id) || '|' || coalesce(max(b."updatedAt")::text, '') AS s
       FROM organizations o LEFT JOIN budgets b ON b."orgId" = o.id AND b."hardCap"
      WHERE o.id = $1 GROUP BY o.id`,
    [orgId],
  );
  if (!rows[0]) throw new Error(`organisation ${orgId} not found`);
  return rows[0].s as string;
}

async function readCapOrg(orgId: string, version: string | null): Promise<CapOrg> {
  const at = Date.now();
  const held = cache.get(orgId);
  // The signature is read before the budgets, never after: a change between the two reads leaves a
  // signature older than the budgets, so the next check re-reads rather than keeps a stale list.
  const signature = await capOrgSignature(orgId);
  // Nothing changed since the held copy was read: it stays (with its match index and periods), younger.
  const fresh =
    held && held.version === version && held.signature === signature
      ? Object.assign(held, { at })
      : await readCapOrgRows(orgId, version, signature, at);
  if (cache.size > 10_000) cache.clear();
  // A read that finished after a newer one (or after a change cleared the copy) does not replace it.
  const now = cache.get(orgId);
  if (!now || now.at <= fresh.at) cache.set(orgId, fresh);
  return fresh;
}

async function readCapOrgRows(orgId: string, version: string | null, signature: string, at: number): Promise<CapOrg> {
  const [org, rows] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: orgId }, select: { timeZone: true, capFailMode: true } }),
    db().budget.findMany({ where: { orgId, hardCap: true }, orderBy: { id: "asc" } }),
  ]);
  return {
    at,
    version,
    timeZone: org.timeZone,
    failMode: org.capFailMode === "closed" ? "closed" : "open",
    budgets: rows.map(toBudgetRow),
    signature,
  };
}

// One read per (organisation, version) at a time: the calls that arrive while it runs share it.
const inFlight = new Map<string, Promise<CapOrg>>();

/**
 * The organisation's hard-capped budgets, tagged with `version` (read before): the held copy if
 * its signature shows no change, else read from Postgres.
 */
export function loadCapOrg(orgId: string, version: string | null): Promise<CapOrg> {
  const key = `${orgId}|${version ?? ""}`;
  let p = inFlight.get(key);
  if (!p) {
    p = readCapOrg(orgId, version).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
  }
  return p;
}

/**
 * The copy to decide on when Redis confirmed its version: current if younger than the age limit;
 * older, it is still used (the version says nothing changed that bumped) while one read in the
 * background checks it (one row; the budgets themselves only when that row changed), so no call
 * waits on a reload of a thousand budgets. A change whose bump never reached Redis thus applies
 * within the age limit plus one read.
 */
export function confirmedCapOrg(orgId: string, version: string): CapOrg | undefined {
  const hit = cache.get(orgId);
  if (!hit || hit.version !== version) return undefined;
  if (Date.now() - hit.at >= CAP_CACHE_MAX_AGE_MS)
    loadCapOrg(orgId, version).catch(() => {
      // The next call reads it again (and meets the error itself if Postgres is down).
    });
  return hit;
}

/**
 * The hard-capped budgets that cover the call, each in its period at `now` (in the organisation's
 * time zone, so a period rolls over at its exact boundary), in a fixed order (budget id): the
 * order locks are taken in.
 */
export function capKeysOf(org: CapOrg, call: CallAttributes, now: Date): CapKey[] {
  let match = matchers.get(org);
  if (!match) {
    match = budgetMatcher(org.budgets);
    matchers.set(org, match);
  }
  return match(call).map(({ budget, scopeValue }) => ({
    budget,
    scopeValue,
    period: currentPeriod(org, budget, now),
  }));
}

const matchers = new WeakMap<CapOrg, (call: CallAttributes) => CapMatch<BudgetRow>[]>();

// Each copy's budgets' periods as last worked out (the time-zone arithmetic is most of a check's
// own CPU): reused while `now` is inside, so a period still rolls over at its exact boundary.
const periods = new WeakMap<CapOrg, Map<string, Period>>();

function currentPeriod(org: CapOrg, budget: BudgetRow, now: Date): Period {
  let memo = periods.get(org);
  if (!memo) {
    memo = new Map();
    periods.set(org, memo);
  }
  const hit = memo.get(budget.id);
  if (hit && hit.start <= now && now < hit.end) return hit;
  const p = periodAt(budget, org.timeZone, now);
  memo.set(budget.id, p);
  return p;
}
