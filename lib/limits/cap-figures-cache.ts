import { onCapVersionLost } from "@/lib/redis/cap-versions";
import { CAP_CACHE_MAX_AGE_MS, type CapKey } from "./cap-budgets";
import { type CapFigures, sameFigures } from "./held-spend";

/**
 * Per process: the figures of (budget, period, value) keys as last read from Postgres, each with
 * the versions (organisation, budget period, value) Redis held just before the read. A copy is
 * used only while Redis still holds the same versions, no open hold of it has expired since, and
 * it is younger than CAP_CACHE_MAX_AGE_MS. A copy remembered with its source and used by a check
 * is read again before it expires (lib/limits/refresh-cap-figures.ts), so a key checked every
 * second or so never waits on Postgres.
 */
export type CopySource = { orgId: string; key: CapKey };
type Entry = { versions: string; figures: CapFigures; at: number; source?: CopySource };

const MAX_ENTRIES = 200_000;
const cache = new Map<string, Entry>();
/** Copies with a source used since they were read (each once): the refresher's work. */
const used = new Set<Entry>();
/** When this process last failed to bump an organisation's versions: no read begun before is kept. */
const lostAt = new Map<string, number>();
onCapVersionLost((orgId) => {
  lostAt.set(orgId, Date.now());
  for (const [k, e] of cache)
    if (k.startsWith(`${orgId}|`)) {
      cache.delete(k);
      used.delete(e);
    }
});

export const figuresKey = (orgId: string, k: CapKey) =>
  `${orgId}|${k.budget.id}|${k.period.start.getTime()}|${k.scopeValue}`;

export function cachedFigures(key: string, versions: string, nowMs: number): CapFigures | undefined {
  const e = cache.get(key);
  if (!e || e.versions !== versions || nowMs - e.at >= CAP_CACHE_MAX_AGE_MS) return undefined;
  if (e.figures.nextExpiry && e.figures.nextExpiry.getTime() <= nowMs) return undefined;
  if (e.source) used.add(e);
  return e.figures;
}

/** Keeps `figures` read at `atMs` under `versions` (read before); `source`: it may be read again. */
export function rememberFigures(
  key: string,
  versions: string,
  figures: CapFigures,
  atMs: number,
  source?: CopySource,
): void {
  if (source && atMs <= (lostAt.get(source.orgId) ?? Number.NEGATIVE_INFINITY)) return;
  // Stryker disable next-line all: equivalent, the bound only limits memory (a cleared copy is read from Postgres again; docs/mutation.md)
  if (cache.size >= MAX_ENTRIES) {
    cache.clear();
    used.clear();
  }
  const old = cache.get(key);
  if (old) {
    used.delete(old);
    // The same versions and figures (a refresh of a key nothing changed): the copy only gets younger,
    // and no new object is left for the collector (a thousand keys refreshed each second otherwise are).
    if (old.versions === versions && sameFigures(old.figures, figures)) {
      old.at = atMs;
      old.source = source;
      return;
    }
  }
  cache.set(key, { versions, figures, at: atMs, source });
}

/**
 * The sources of the copies a check used since they were read, once `olderThanMs` old or more:
 * what the refresher reads again, `max` at most (the first used first). Each is taken once (a check
 * must use the new copy to renew it).
 */
export function takeCopiesToRefresh(nowMs: number, olderThanMs: number, max: number): CopySource[] {
  const due: CopySource[] = [];
  for (const e of used)
    if (due.length >= max) break;
    else if (nowMs - e.at >= olderThanMs) {
      used.delete(e);
      due.push(e.source!);
    }
  return due;
}
