import { pgPool } from "@/lib/db/pg-pool";
import { formatPicoUsd } from "@/lib/money";
import type { OrgContext } from "@/lib/tenancy/context";

export type CappedScope = {
  budgetId: string;
  budgetName: string;
  scope: Record<string, string>;
  scopeValue: string | null;
  since: string;
  resetsAt: string;
  spent: string;
  cap: string;
  override: string;
  refusals: number;
  refused: string;
};

type Row = {
  budgetId: string;
  name: string;
  scope: Record<string, string>;
  scopeValue: string;
  since: Date;
  periodEnd: Date;
  spent: string;
  amount: string;
  extra: string;
  refusals: number;
  refused: string;
};

/**
 * The scopes hard caps hold now (the rollups reached the cap in a period that has not ended),
 * newest first: since when, when they reset, spend against the cap (amount plus overrides), and
 * the reservations refused this period. One budget's, or the organisation's.
 */
export async function listCappedScopes(ctx: OrgContext, opts: { budgetId?: string; limit?: number } = {}) {
  const { rows } = await pgPool().query<Row>(
    `SELECT c."budgetId", b.name, b.scope, c."scopeValue", c."crossedAt" AS since, s."periodEnd",
       s."spentPico"::text AS spent, b."amountPico"::text AS amount,
       coalesce((SELECT sum(o."amountPico") FROM budget_overrides o
         WHERE o."orgId" = c."orgId" AND o."budgetId" = c."budgetId" AND o."periodStart" = c."periodStart"
           AND o."scopeValue" = c."scopeValue"), 0)::text AS extra,
       coalesce(r.refusals, 0)::int AS refusals, coalesce(r."refusedPico", 0)::text AS refused
     FROM budget_crossings c
     JOIN budgets b ON b."orgId" = c."orgId" AND b.id = c."budgetId"
     JOIN budget_period_spend s ON s."orgId" = c."orgId" AND s."budgetId" = c."budgetId"
       AND s."periodStart" = c."periodStart" AND s."scopeValue" = c."scopeValue"
     LEFT JOIN cap_refusals r ON r."orgId" = c."orgId" AND r."budgetId" = c."budgetId"
       AND r."periodStart" = c."periodStart" AND r."scopeValue" = c."scopeValue"
     WHERE c."orgId" = $1 AND c.threshold = 'cap' AND s."periodEnd" > now()
       AND ($2::text IS NULL OR c."budgetId" = $2)
     ORDER BY c."crossedAt" DESC, c."budgetId", c."scopeValue"
     LIMIT $3`,
    [ctx.orgId, opts.budgetId ?? null, opts.limit ?? 100],
  );
  return rows.map(
    (r): CappedScope => ({
      budgetId: r.budgetId,
      budgetName: r.name,
      scope: r.scope,
      scopeValue: Object.values(r.scope).includes("*") ? r.scopeValue : null,
      since: r.since.toISOString(),
      resetsAt: r.periodEnd.toISOString(),
      spent: formatPicoUsd(BigInt(r.spent)),
      cap: formatPicoUsd(BigInt(r.amount) + BigInt(r.extra)),
      override: formatPicoUsd(BigInt(r.extra)),
      refusals: r.refusals,
      refused: formatPicoUsd(BigInt(r.refused)),
    }),
  );
}
