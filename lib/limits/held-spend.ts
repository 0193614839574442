import type { CapKey } from "./cap-budgets";

type Query = <R>(sql: string, params: unknown[]) => Promise<{ rows: R[] }>;

/** What Postgres says of one (budget, period, value): everything a cap is decided on. */
export type CapFigures = {
  /** Spend of the period in the rollups, as the budget's last evaluation saved it. */
  spentPico: bigint;
  /** Open (unexpired) reservations, and settled ones whose event the rollups do not hold yet. */
  reservedPico: bigint;
  /** Manual overrides for this period and value ("allow another $X"). */
  overridePico: bigint;
  /** When the first open hold expires (the figures change then without any write); null: none. */
  nextExpiry: Date | null;
};

export type CapState = CapFigures & {
  key: CapKey;
  /** The cap: the budget's amount plus the overrides. */
  limitPico: bigint;
};

export const capState = (key: CapKey, f: CapFigures): CapState => ({
  ...f,
  key,
  limitPico: key.budget.amountPico + f.overridePico,
});

/**
 * The figures of many (budget, period, value) keys, read in one statement. A settled hold stops
 * holding once the evaluation's fold watermark passed it (its event is then in spentPico): no
 * spend is counted twice or missed, whatever the fold and evaluation lag.
 */
export async function readCapFigures(query: Query, orgId: string, keys: CapKey[]): Promise<CapFigures[]> {
  if (keys.length === 0) return [];
  const { rows } = await query<{ spent: string; held: string; extra: string; next: Date | null }>(
    `WITH k AS (
       SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::text[]) WITH ORDINALITY AS u(b, p, v, i)
     )
     SELECT coalesce(s."spentPico", 0)::text AS spent,
       coalesce((SELECT sum(h."amountPico") FROM reservation_holds h
         WHERE h."orgId" = $1 AND h."budgetId" = k.b AND h."periodStart" = k.p AND h."scopeValue" = k.v
           AND ((h.state = 'open' AND h."expiresAt" > now())
             OR (h.state = 'settled' AND h."settledAt" >= coalesce(s."foldedBefore", '-infinity')))
       ), 0)::text AS held,
       (SELECT min(h."expiresAt") FROM reservation_holds h
         WHERE h."orgId" = $1 AND h."budgetId" = k.b AND h."periodStart" = k.p AND h."scopeValue" = k.v
           AND h.state = 'open' AND h."expiresAt" > now()) AS next,
       coalesce((SELECT sum(o."amountPico") FROM budget_overrides o
         WHERE o."orgId" = $1 AND o."budgetId" = k.b AND o."periodStart" = k.p AND o."scopeValue" = k.v), 0)::text AS extra
     FROM k LEFT JOIN LATERAL (
       -- A lookup per key by the primary key (a plain join lets the planner scan every value of a "*" budget).
       SELECT "spentPico", "foldedBefore" FROM budget_period_spend
        WHERE "orgId" = $1 AND "budgetId" = k.b AND "periodStart" = k.p AND "scopeValue" = k.v
     ) s ON true
     ORDER BY k.i`,
    [orgId, keys.map((k) => k.budget.id), keys.map((k) => k.period.start), keys.map((k) => k.scopeValue)],
  );
  return rows.map((r) => ({
    spentPico: BigInt(r.spent),
    reservedPico: BigInt(r.held),
    overridePico: BigInt(r.extra),
    nextExpiry: r.next,
  }));
}

/** Room left under the cap (negative when over). */
export const remainingPico = (s: CapState) => s.limitPico - s.spentPico - s.reservedPico;
