import type { QueryResult, QueryResultRow } from "pg";
import { pgPool } from "@/lib/db/pg-pool";
import { type AllocationRule, allocationRuleSchema, type Markups, markupsSchema } from "./allocation-rule";
import { type Adjustment, buildChargeback, type Chargeback, type FixedCost } from "./build-chargeback";
import { listFixedCosts } from "./fixed-costs";
import { linesFromJson } from "./lines-json";
import { type PeriodBounds, periodBounds } from "./period";
import { type PriceLists, priceListsSchema } from "./price-list";
import { readPeriodUsage } from "./read-period-usage";
import { getChargebackSettings, type PartyDimension } from "./settings";

/** A pool or a client inside a transaction. */
export type Queryable = {
  query: <T extends QueryResultRow>(sql: string, params?: unknown[]) => Promise<QueryResult<T>>;
};

/** How far back late usage is still turned into adjustments (closed periods). */
const ADJUSTMENT_LOOKBACK = 24;

export type PeriodRules = {
  partyDimension: PartyDimension;
  rule: AllocationRule;
  markups: Markups;
  priceLists: PriceLists;
};

type ClosedPeriodRow = {
  period: string;
  periodStart: Date;
  periodEnd: Date;
  partyDimension: PartyDimension;
  rule: unknown;
  markups: unknown;
  priceLists: unknown;
  fixedCosts: { id: string; name: string; amountPico: string }[];
};

/**
 * What late usage changed in the closed periods before `period`: for each closed period Q and party,
 * Q recomputed now with the rules and fixed costs frozen at its close, minus what Q's statement
 * charged, minus the adjustments for Q already put on statements since. Zero when nothing came late.
 */
export async function computeAdjustments(
  orgId: string,
  period: string,
  q: Queryable = pgPool(),
): Promise<Map<string, Adjustment[]>> {
  const { rows: closed } = await q.query<ClosedPeriodRow>(
    `SELECT period, "periodStart", "periodEnd", "partyDimension", rule, markups, "priceLists", "fixedCosts"
       FROM chargeback_periods WHERE "orgId" = $1 AND period < $2 ORDER BY period DESC LIMIT ${ADJUSTMENT_LOOKBACK}`,
    [orgId, period],
  );
  const out = new Map<string, Adjustment[]>();
  if (closed.length === 0) return out;
  const { rows: statements } = await q.query<{
    period: string;
    party: string;
    totalPico: bigint;
    adjustmentPico: bigint;
    lines: unknown;
  }>(
    `SELECT period, party, "totalPico", "adjustmentPico", lines FROM chargeback_statements
      WHERE "orgId" = $1 AND period >= $2 AND period < $3`,
    [orgId, closed[closed.length - 1]!.period, period],
  );
  for (const c of [...closed].reverse()) {
    const rows = await readPeriodUsage(orgId, c.partyDimension, c.periodStart, c.periodEnd);
    const now = buildChargeback({
      rows,
      fixedCosts: c.fixedCosts.map((f) => ({ ...f, amountPico: BigInt(f.amountPico) })),
      rule: allocationRuleSchema.parse(c.rule),
      markups: markupsSchema.parse(c.markups),
      priceLists: priceListsSchema.parse(c.priceLists ?? {}),
    });
    const owed = new Map<string, bigint>();
    for (const p of now.parties) owed.set(p.party, p.directPico + p.allocatedPico + p.markupPico);
    for (const s of statements) {
      if (s.period === c.period) owed.set(s.party, (owed.get(s.party) ?? 0n) - (s.totalPico - s.adjustmentPico));
      if (s.period > c.period)
        for (const l of linesFromJson(s.lines))
          if (l.kind === "adjustment" && l.sourcePeriod === c.period)
            owed.set(s.party, (owed.get(s.party) ?? 0n) - l.costPico);
    }
    for (const [party, amountPico] of owed) {
      if (amountPico === 0n) continue;
      out.set(party, [...(out.get(party) ?? []), { sourcePeriod: c.period, amountPico }]);
    }
  }
  return out;
}

export type ComputedPeriod = {
  bounds: PeriodBounds;
  rules: PeriodRules;
  fixedCosts: FixedCost[];
  chargeback: Chargeback;
};

/** A period's chargeback as it stands now (a preview while open), with pending adjustments. */
export async function computePeriod(
  orgId: string,
  period: string,
  override?: Partial<PeriodRules>,
  q: Queryable = pgPool(),
): Promise<ComputedPeriod> {
  const settings = await getChargebackSettings(orgId);
  const rules: PeriodRules = {
    partyDimension: override?.partyDimension ?? settings.partyDimension,
    rule: override?.rule ?? settings.rule,
    markups: override?.markups ?? settings.markups,
    priceLists: override?.priceLists ?? settings.priceLists,
  };
  const bounds = periodBounds(period, settings.timeZone);
  const [rows, fixedCosts, adjustments] = await Promise.all([
    readPeriodUsage(orgId, rules.partyDimension, bounds.start, bounds.end),
    listFixedCosts(orgId, period),
    computeAdjustments(orgId, period, q),
  ]);
  return { bounds, rules, fixedCosts, chargeback: buildChargeback({ rows, fixedCosts, ...rules, adjustments }) };
}
