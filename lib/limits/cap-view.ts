import { formatPicoUsd } from "@/lib/money";
import type { CapKey } from "./cap-budgets";
import { type CapFigures, type CapState, capState, remainingPico } from "./held-spend";
import { perValueBudget } from "./value-snapshots";

/** One hard-capped budget as the limits API shows it, for the value the call counts under. */
export function capView(s: CapState) {
  const { budget, period, scopeValue } = s.key;
  const remaining = remainingPico(s);
  return {
    id: budget.id,
    name: budget.name,
    scope: budget.scope,
    scopeValue: scopeValue === "" ? null : scopeValue,
    period: budget.period,
    periodStart: period.start.toISOString(),
    amount: formatPicoUsd(s.limitPico),
    override: formatPicoUsd(s.overridePico),
    spent: formatPicoUsd(s.spentPico),
    reserved: formatPicoUsd(s.reservedPico),
    remaining: formatPicoUsd(remaining > 0n ? remaining : 0n),
    capped: remaining <= 0n,
    resetsAt: period.end.toISOString(),
  };
}
export type CapView = ReturnType<typeof capView>;

/** A key's answer in a check: its room (negative when over) and its view. */
export type CheckedCap = { room: bigint; view: CapView };
type Seen = CheckedCap & { key: CapKey };
const seen = new WeakMap<CapFigures, Seen>();

/**
 * The check's answer for one key from its figures, worked out once per figures object and key and
 * then reused: the copies a check reads keep their figures object while nothing changed, so a key
 * checked again costs no arithmetic or formatting (seven amounts a key, the largest share of what a
 * check allocated). The key counts by its parts' identity: a budget or period read again (a new
 * object) is worked out anew. Views are shared: never modify one.
 *
 * Keys of budgets that count each value apart ("*") are worked out every time: their figures come
 * from value snapshots that live as long as the snapshot, so a kept answer per value would grow
 * with the values called (1.5 KB each, up to the snapshot's 100,000+ values), each one copied by a
 * young-generation collection before it was promoted.
 */
export function checkedCap(key: CapKey, f: CapFigures): CheckedCap {
  const hit = seen.get(f);
  if (hit && hit.key.budget === key.budget && hit.key.period === key.period && hit.key.scopeValue === key.scopeValue)
    return hit;
  const s = capState(key, f);
  const out = { key, room: remainingPico(s), view: capView(s) };
  if (!perValueBudget(key)) seen.set(f, out);
  return out;
}
