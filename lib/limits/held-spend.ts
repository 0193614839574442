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

/** Whether two reads of figures say the same. */
export const sameFigures = (a: CapFigures, b: CapFigures) =>
  a.spentPico === b.spentPico &&
  a.reservedPico === b.reservedPico &&
  a.overridePico === b.overridePico &&
  (a.nextExpiry?.getTime() ?? null) === (b.nextExpiry?.getTime() ?? null);

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

export type FiguresRow = { spent: bigint | string; held: bigint | string; extra: bigint | string; next: Date | null };

export const figuresOfRow = (r: FiguresRow): CapFigures => ({
  spentPico: BigInt(r.spent),
  reservedPico: BigInt(r.held),
  overridePico: BigInt(r.extra),
  nextExpiry: r.next,
});

/** The keys as the array parameters of `burnrate_cap_figures` and `burnrate_reserve_batch` (in that order). */
export const keyArrays = (keys: CapKey[]) => [
  keys.map((k) => k.budget.id),
  keys.map((k) => k.period.start),
  keys.map((k) => k.scopeValue),
];

/**
 * The figures of many (budget, period, value) keys, read in one statement: the SQL function
 * `burnrate_cap_figures` (migration 20261130093000), which reserving shares. A settled hold stops
 * holding once the evaluation's fold watermark passed it (its event is then in spentPico): no
 * spend is counted twice or missed, whatever the fold and evaluation lag.
 */
export async function readCapFigures(query: Query, orgId: string, keys: CapKey[]): Promise<CapFigures[]> {
  // Stryker disable next-line ArrayDeclaration: equivalent, for no keys the callers read no element (docs/mutation.md)
  if (keys.length === 0) return [];
  const { rows } = await query<FiguresRow>(
    `SELECT spent, held, extra, next FROM burnrate_cap_figures($1, $2, $3, $4) ORDER BY i`,
    [orgId, ...keyArrays(keys)],
  );
  return rows.map(figuresOfRow);
}

/** Room left under the cap (negative when over). */
export const remainingPico = (s: CapState) => s.limitPico - s.spentPico - s.reservedPico;
