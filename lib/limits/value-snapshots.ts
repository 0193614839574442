import { log } from "@/lib/log";
import { onCapVersionLost } from "@/lib/redis/cap-versions";
import { CAP_CACHE_MAX_AGE_MS, type CapKey } from "./cap-budgets";
import type { CapFigures } from "./held-spend";
import { readValueSnapshot, type ValueSnapshot } from "./read-value-snapshot";

/**
 * Per process: for budgets with a "*" dimension (each end user, each customer, …), the figures of
 * every value of the current period, read at once, so that a check of a value this process has
 * not met lately needs no Postgres read. A value's figures are used while
 *   - Redis holds the same period version as when the snapshot was read (no evaluation since),
 *   - the value's last recorded change (hold, release, settle, override) is not newer than the
 *     snapshot's sequence number,
 *   - none of its holds has expired since, and the snapshot is younger than CAP_CACHE_MAX_AGE_MS.
 * A snapshot in use is read again in the background once it is REFRESH_AFTER_MS old, so it stays
 * current while checks keep coming; none is read for a period nobody checks.
 */
export const SNAPSHOT_REFRESH_AFTER_MS = 1_000;
const MIN_READ_INTERVAL_MS = 500;
const FAILED_RETRY_MS = 30_000;
const MAX_SNAPSHOTS = 32;
const PAGE_SIZE = 1_000;
const MAX_VALUES = 1_000_000;

const NOTHING: CapFigures = { spentPico: 0n, reservedPico: 0n, overridePico: 0n, nextExpiry: null };

type Held = ValueSnapshot & { usedAt: number };
const snapshots = new Map<string, Held>();
const reading = new Set<string>();
/** When a read of the (budget, period) may next start. */
const notBefore = new Map<string, number>();
let readsStarted = 0;
/** When this process last failed to bump an organisation's versions: no read begun before is kept. */
const lostAt = new Map<string, number>();

onCapVersionLost((orgId) => {
  lostAt.set(orgId, Date.now());
  for (const id of snapshots.keys()) if (id.startsWith(`${orgId}|`)) snapshots.delete(id);
});

const snapshotId = (orgId: string, k: CapKey) => `${orgId}|${k.budget.id}|${k.period.start.getTime()}`;

/** Whether the key's budget counts each value apart (a "*" in its scope): only those have snapshots. */
export const perValueBudget = (k: CapKey) => Object.values(k.budget.scope).includes("*");

/**
 * The key's figures from its period's snapshot, or undefined (then Postgres is read). `periodVersion`
 * and `changedSeq` come from the check's round trip: the period's version and the sequence number of
 * the value's last change (null: none recorded).
 */
export function snapshotFigures(
  orgId: string,
  key: CapKey,
  periodVersion: string,
  changedSeq: number | null,
  nowMs: number,
): CapFigures | undefined {
  if (!perValueBudget(key)) return undefined;
  const id = snapshotId(orgId, key);
  const s = snapshots.get(id);
  const current = s !== undefined && s.periodVersion === periodVersion && nowMs - s.at < CAP_CACHE_MAX_AGE_MS;
  if (!current || nowMs - s.at >= SNAPSHOT_REFRESH_AFTER_MS) startRead(orgId, key, id, nowMs);
  if (!current) return undefined;
  s.usedAt = nowMs;
  if ((changedSeq ?? 0) > s.seq) return undefined;
  const f = s.values.get(key.scopeValue)?.f ?? NOTHING;
  if (f.nextExpiry !== null && f.nextExpiry.getTime() <= nowMs) return undefined;
  return f;
}

function startRead(orgId: string, key: CapKey, id: string, nowMs: number) {
  if (reading.has(id) || nowMs < (notBefore.get(id) ?? 0)) return;
  reading.add(id);
  readsStarted++;
  notBefore.set(id, nowMs + MIN_READ_INTERVAL_MS);
  // The held snapshot is read again in place (its unchanged values keep their objects).
  const previous = snapshots.get(id);
  readValueSnapshot(orgId, key, { pageSize: PAGE_SIZE, maxValues: MAX_VALUES }, previous)
    .then((read) => {
      if (!read) {
        snapshots.delete(id);
        throw new Error(`more than ${MAX_VALUES} values`);
      }
      // One read of a period at a time, so none is newer; a read begun before a bump was lost is not
      // kept (the snapshot it updated was dropped then).
      if (read.at <= (lostAt.get(orgId) ?? 0)) return;
      snapshots.set(id, Object.assign(previous ?? read, read, { usedAt: previous?.usedAt ?? read.at }));
      if (snapshots.size > MAX_SNAPSHOTS) dropLeastUsed();
    })
    .catch((err: unknown) => {
      notBefore.set(id, Date.now() + FAILED_RETRY_MS);
      // Stryker disable next-line ObjectLiteral,StringLiteral: a log line
      log.debug({ err, orgId, budgetId: key.budget.id }, "value snapshot read failed; checks read Postgres");
    })
    .finally(() => reading.delete(id));
}

function dropLeastUsed() {
  let oldest: string | undefined;
  let usedAt = Number.POSITIVE_INFINITY;
  for (const [id, s] of snapshots)
    if (s.usedAt < usedAt) {
      usedAt = s.usedAt;
      oldest = id;
    }
  if (oldest) snapshots.delete(oldest);
}

/** When the held snapshot of a (budget, period) was read, and how many values it holds (tests, diagnostics). */
export function heldValueSnapshot(orgId: string, budgetId: string, periodStart: Date) {
  const s = snapshots.get(`${orgId}|${budgetId}|${periodStart.getTime()}`);
  return s && { at: s.at, seq: s.seq, values: s.values.size };
}

/** How many snapshot reads this process has started (tests, diagnostics). */
export const valueSnapshotReadsStarted = () => readsStarted;

/** Forgets every snapshot (tests). */
// Stryker disable next-line BlockStatement: a test's set-up
export function clearValueSnapshots(): void {
  snapshots.clear();
  notBefore.clear();
  lostAt.clear();
}
