import { onCapVersionLost } from "@/lib/redis/cap-versions";
import { CAP_CACHE_MAX_AGE_MS, type CapKey } from "./cap-budgets";
import type { CapFigures } from "./held-spend";

/**
 * Per process: the figures of (budget, period, value) keys as last read from Postgres, each with
 * the versions (organisation, budget period, value) Redis held just before the read. A copy is
 * used only while Redis still holds the same versions, no open hold of it has expired since, and
 * it is younger than CAP_CACHE_MAX_AGE_MS.
 */
type Entry = { versions: string; figures: CapFigures; at: number };

const MAX_ENTRIES = 200_000;
const cache = new Map<string, Entry>();
onCapVersionLost((orgId) => {
  for (const k of cache.keys()) if (k.startsWith(`${orgId}|`)) cache.delete(k);
});

export const figuresKey = (orgId: string, k: CapKey) =>
  `${orgId}|${k.budget.id}|${k.period.start.getTime()}|${k.scopeValue}`;

export function cachedFigures(key: string, versions: string, nowMs: number): CapFigures | undefined {
  const e = cache.get(key);
  if (!e || e.versions !== versions || nowMs - e.at >= CAP_CACHE_MAX_AGE_MS) return undefined;
  if (e.figures.nextExpiry && e.figures.nextExpiry.getTime() <= nowMs) return undefined;
  return e.figures;
}

export function rememberFigures(key: string, versions: string, figures: CapFigures, atMs: number): void {
  // Stryker disable next-line all: equivalent, the bound only limits memory (a cleared copy is read from Postgres again; docs/mutation.md)
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { versions, figures, at: atMs });
}
