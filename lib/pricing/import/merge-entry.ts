import { parseScaled } from "@/lib/money/pico";
import type { CatalogEntry } from "../catalog-schema";
import type { CatalogRow, StoredFields } from "./catalog-row";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);

function mergeLongContext(current: unknown, stated: CatalogEntry["longContext"]): unknown {
  if (!stated) return current ?? null;
  const c = obj(current);
  return c && c.thresholdTokens === stated.thresholdTokens ? { ...c, ...stated } : stated;
}

/** Whether stated tier prices are exactly the base prices times the tier's multiplier (batch = 50%). */
function sameAsMultiplier(stated: Obj, multiplier: unknown, base: Obj): boolean {
  if (typeof multiplier !== "string") return false;
  const m = parseScaled(multiplier, 9);
  return Object.entries(stated).every(
    ([k, v]) =>
      typeof v === "string" &&
      parseScaled(v, 12) * 10n ** 9n === (typeof base[k] === "string" ? parseScaled(base[k] as string, 12) : 0n) * m,
  );
}

function mergeTiers(current: unknown, stated: CatalogEntry["serviceTiers"], base: Obj): Obj {
  const out: Obj = { ...(obj(current) ?? {}) };
  for (const [tier, s] of Object.entries(stated ?? {}) as [string, Obj | undefined][]) {
    if (!s) continue;
    const c = obj(out[tier]);
    if (c && "multiplier" in c && !("multiplier" in s) && sameAsMultiplier(s, c.multiplier, base)) continue;
    const bothPrices = c && !("multiplier" in c) && !("multiplier" in s);
    out[tier] = bothPrices ? { ...c, ...s } : s;
  }
  return out;
}

/**
 * An import merges: the new version changes what the source states and keeps what it does not
 * carry (service tiers, other long-context thresholds' cache prices, display name, source URL,
 * checked date, aliases, time-of-day windows).
 */
export function mergeEntry(row: CatalogRow | null, e: CatalogEntry): StoredFields {
  const prices = { ...(obj(row?.prices) ?? {}), ...e.prices };
  return {
    provider: row?.provider ?? e.provider,
    model: row?.model ?? e.model,
    displayName: e.displayName ?? row?.displayName ?? null,
    aliases: [...new Set([...(row?.aliases ?? []), ...e.aliases])],
    prices,
    longContext: mergeLongContext(row?.longContext, e.longContext),
    serviceTiers: mergeTiers(row?.serviceTiers, e.serviceTiers, prices),
    timeOfDay: e.timeOfDay ?? row?.timeOfDay ?? null,
    free: e.free || (row?.free ?? false),
    sourceUrl: e.sourceUrl ?? row?.sourceUrl ?? null,
    checkedAt: e.checkedAt ?? row?.checkedAt ?? null,
    sources: e.sources ?? row?.sources ?? null,
  };
}
