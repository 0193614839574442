import type { CapKey } from "./cap-budgets";

type Query = <R>(sql: string, params: unknown[]) => Promise<{ rows: R[] }>;

export type CapState = {
  key: CapKey;
  /** Spend of the period in the rollups, as the budget's last evaluation read it. */
  spentPico: bigint;
  /** Open (unexpired) reservations, and settled ones whose event the rollups do not hold yet. */
  reservedPico: bigint;
  limitPico: bigint;
};

/**
 * The spend and the reservations against one budget, period and value, read in one statement.
 * A settled hold stops holding once the evaluation's fold watermark passed it (its event is then
 * in spentPico): no spend is counted twice or missed, whatever the fold and evaluation lag.
 */
export async function readCapState(query: Query, orgId: string, key: CapKey): Promise<CapState> {
  const { rows } = await query<{ spent: string; held: string }>(
    `WITH spend AS (
       SELECT "spentPico", "foldedBefore" FROM budget_period_spend
        WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3 AND "scopeValue" = $4
     )
     SELECT coalesce((SELECT "spentPico" FROM spend), 0)::text AS spent,
       coalesce((SELECT sum(h."amountPico") FROM reservation_holds h
         WHERE h."orgId" = $1 AND h."budgetId" = $2 AND h."periodStart" = $3 AND h."scopeValue" = $4
           AND ((h.state = 'open' AND h."expiresAt" > now())
             OR (h.state = 'settled' AND h."settledAt" >= coalesce((SELECT "foldedBefore" FROM spend), '-infinity')))
       ), 0)::text AS held`,
    [orgId, key.budget.id, key.period.start, key.scopeValue],
  );
  return {
    key,
    spentPico: BigInt(rows[0]!.spent),
    reservedPico: BigInt(rows[0]!.held),
    limitPico: key.budget.amountPico,
  };
}

/** Room left under the cap (negative when over). */
export const remainingPico = (s: CapState) => s.limitPico - s.spentPico - s.reservedPico;
