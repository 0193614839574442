import { pgPool } from "@/lib/db/pg-pool";
import { allocationRuleSchema, markupsSchema } from "./allocation-rule";
import type { PeriodRules } from "./compute-period";
import { type PeriodBounds, periodBounds, periodContaining, shiftPeriod } from "./period";
import { priceListsSchema } from "./price-list";
import { getChargebackSettings, type PartyDimension } from "./settings";

export type RulesOfPeriod = PeriodBounds & PeriodRules & { closed: boolean };

/**
 * The chargeback rules of every period overlapping [from, to), in order: a closed period's rules as
 * frozen when it closed (what its statements were computed with), an open one's current settings.
 */
export async function rulesOfPeriods(orgId: string, from: Date, to: Date): Promise<RulesOfPeriod[]> {
  const settings = await getChargebackSettings(orgId);
  const first = periodContaining(from, settings.timeZone);
  const last = periodContaining(new Date(to.getTime() - 1), settings.timeZone);
  const { rows } = await pgPool().query<{
    period: string;
    partyDimension: PartyDimension;
    rule: unknown;
    markups: unknown;
    priceLists: unknown;
  }>(
    `SELECT period, "partyDimension", rule, markups, "priceLists" FROM chargeback_periods
      WHERE "orgId" = $1 AND period >= $2 AND period <= $3`,
    [orgId, first, last],
  );
  const frozen = new Map(rows.map((r) => [r.period, r]));
  const out: RulesOfPeriod[] = [];
  for (let period = first; period <= last; period = shiftPeriod(period, 1)) {
    const f = frozen.get(period);
    out.push({
      ...periodBounds(period, settings.timeZone),
      closed: !!f,
      partyDimension: f ? f.partyDimension : settings.partyDimension,
      rule: f ? allocationRuleSchema.parse(f.rule) : settings.rule,
      markups: f ? markupsSchema.parse(f.markups) : settings.markups,
      priceLists: f ? priceListsSchema.parse(f.priceLists ?? {}) : settings.priceLists,
    });
  }
  return out;
}
