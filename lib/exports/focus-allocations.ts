import { floorHour } from "@/lib/budgets/budget-period";
import { apportion } from "@/lib/chargeback/apportion";
import { buildChargeback, TOKEN_KINDS, type TokenKind } from "@/lib/chargeback/build-chargeback";
import { readPeriodUsage } from "@/lib/chargeback/read-period-usage";
import { rulesOfPeriods } from "@/lib/chargeback/rules-of-periods";

/**
 * A FOCUS 1.3 allocated charge: one party's share of a period's shared usage (usage with no team,
 * or no customer). The origin charge, all shared usage of the period within the export range, is
 * replaced by its allocated charges (FOCUS "data generator-calculated split cost allocation": the
 * allocated charges add up to the origin charge in every cost and quantity), so BilledCost still
 * adds up to the spend API's total. Shares are the statements' own apportioning (`buildChargeback`
 * with the period's rule and party dimension: frozen at its close for a closed period, the current
 * settings for an open one; largest remainder), so a whole-month export shows the statements'
 * allocated shared-usage amounts to the unit.
 */
export type FocusAllocation = {
  party: string;
  dimension: "team" | "customer";
  method: string;
  period: string;
  /** The period's start (its billing period), and the window of the origin charge, whole hours: [start, end). */
  periodStart: Date;
  start: Date;
  end: Date;
  provider: string;
  model: string;
  costPico: bigint;
  originPico: bigint;
  requests: bigint;
} & Record<TokenKind, bigint>;

export type AllocationPlan = {
  allocations: FocusAllocation[];
  /**
   * Windows whose shared rollup rows (no value in `column`, the period's party dimension) are replaced
   * by the allocations (none when nobody takes them).
   */
  replaced: { start: Date; end: Date; column: "team" | "customer" }[];
};

const ceilHour = (d: Date) => new Date(Math.ceil(d.getTime() / 3_600_000) * 3_600_000);
const maxDate = (a: Date, b: Date) => (a > b ? a : b);
const minDate = (a: Date, b: Date) => (a < b ? a : b);
const only = (values: Set<string>) => (values.size === 1 ? [...values][0]! : "multiple");

/** The allocated charges of [from, to): per chargeback period overlapping the range, per party. */
export async function planFocusAllocations(orgId: string, from: Date, to: Date): Promise<AllocationPlan> {
  const out: AllocationPlan = { allocations: [], replaced: [] };
  for (const b of await rulesOfPeriods(orgId, from, to)) {
    const { period, partyDimension: dimension, rule } = b;
    // Whole hours, as the rollups and the statements read them (a +05:30 boundary counts from its hour).
    const start = maxDate(floorHour(from), floorHour(b.start));
    const end = minDate(ceilHour(to), floorHour(b.end));
    if (start >= end) continue;
    const rows = await readPeriodUsage(orgId, dimension, start, end);
    const shared = rows.filter((r) => r.party === "");
    if (shared.length === 0) continue;
    const cb = buildChargeback({ rows, fixedCosts: [], rule, markups: {} });
    const shares = new Map<string, bigint>();
    for (const p of cb.parties)
      for (const l of p.lines)
        if (l.kind === "allocated" && l.source === "shared-usage") shares.set(p.party, l.costPico);
    if (shares.size === 0) continue; // nobody to take it: the shared rows stay as they are (unallocated)
    out.replaced.push({ start, end, column: dimension });
    const originPico = shared.reduce((s, r) => s + r.costPico, 0n);
    // Quantities follow the cost shares (so they too add up to the origin charge exactly).
    const weights = new Map([...shares].map(([p, v]) => [p, v < 0n ? -v : v]));
    const split = (total: bigint) => apportion(total, weights);
    const requests = split(shared.reduce((s, r) => s + r.requests, 0n));
    const tokens = Object.fromEntries(
      TOKEN_KINDS.map((k) => [k, split(shared.reduce((s, r) => s + r[k], 0n))]),
    ) as Record<TokenKind, Map<string, bigint>>;
    const provider = only(new Set(shared.map((r) => r.provider)));
    const model = only(new Set(shared.map((r) => r.model)));
    for (const [party, costPico] of [...shares].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      out.allocations.push({
        party,
        dimension,
        method: rule.method,
        period,
        periodStart: b.start,
        start,
        end,
        provider,
        model,
        costPico,
        originPico,
        requests: requests.get(party) ?? 0n,
        ...(Object.fromEntries(TOKEN_KINDS.map((k) => [k, tokens[k].get(party) ?? 0n])) as Record<TokenKind, bigint>),
      });
  }
  return out;
}
