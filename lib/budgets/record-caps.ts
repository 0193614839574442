import { formatPicoUsd } from "@/lib/money";
import type { Period } from "./budget-period";
import type { BudgetTx } from "./budget-transaction";
import { starDimension, type BudgetRow } from "./budget-row";
import { publishBudgetEvent } from "./publish-budget-event";

const CAP = "cap";

async function publishCap(
  tx: BudgetTx,
  b: BudgetRow,
  period: Period,
  type: "budget.capped" | "budget.released",
  scopeValue: string,
  spentPico: bigint,
  capPico: bigint,
) {
  await publishBudgetEvent(tx, {
    orgId: b.orgId,
    type,
    channelIds: b.channelIds,
    data: {
      budget: { id: b.id, name: b.name, scope: b.scope as Record<string, string> },
      period: { start: period.start.toISOString(), end: period.end.toISOString() },
      threshold: { hardCap: true },
      spent: formatPicoUsd(spentPico),
      amount: formatPicoUsd(capPico),
      alertId: null,
      scopeValue: starDimension(b.scope) ? scopeValue : null,
      resetsAt: period.end.toISOString(),
    },
  });
}

/** The period's overrides per value ("allow another $X"): the cap is the amount plus them. */
async function overridesOf(tx: BudgetTx, b: BudgetRow, period: Period): Promise<Map<string, bigint>> {
  if (!b.hardCap) return new Map();
  const { rows } = await tx.query<{ scopeValue: string; extra: string }>(
    `SELECT "scopeValue", sum("amountPico")::text AS extra FROM budget_overrides
      WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3 GROUP BY 1`,
    [b.orgId, b.id, period.start],
  );
  return new Map(rows.map((r) => [r.scopeValue, BigInt(r.extra)]));
}

/**
 * A hard-capped budget's caps in the current period, in the evaluator's transaction: every value
 * whose spend reached the cap (the amount plus the period's overrides) is capped once (a "cap" crossing, whose insert decides the one
 * evaluator that publishes `budget.capped`); a capped value now under the amount (the budget was
 * raised, or its hard cap turned off) is released once (deleting the crossing decides who
 * publishes `budget.released`). A new period starts uncapped. Returns the events published.
 */
export async function recordCaps(tx: BudgetTx, b: BudgetRow, period: Period, spends: Map<string, bigint>) {
  const extra = await overridesOf(tx, b, period);
  const capOf = (v: string) => b.amountPico + (extra.get(v) ?? 0n);
  const over = b.hardCap ? [...spends].filter(([v, s]) => s >= capOf(v)) : [];
  let events = 0;
  if (over.length > 0) {
    const { rows } = await tx.query<{ scopeValue: string; spentPico: bigint }>(
      `INSERT INTO budget_crossings ("orgId", "budgetId", "periodStart", "scopeValue", threshold, "thresholdPico", "spentPico", notified)
       SELECT $1, $2, $3, v, '${CAP}', $4, s, true FROM unnest($5::text[], $6::int8[]) AS u(v, s) ORDER BY v
       ON CONFLICT DO NOTHING RETURNING "scopeValue", "spentPico"`,
      [b.orgId, b.id, period.start, b.amountPico, over.map(([v]) => v), over.map(([, s]) => s.toString())],
    );
    for (const r of rows)
      await publishCap(tx, b, period, "budget.capped", r.scopeValue, BigInt(r.spentPico), capOf(r.scopeValue));
    events += rows.length;
  }
  const released = await tx.query<{ scopeValue: string }>(
    `DELETE FROM budget_crossings WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3 AND threshold = '${CAP}'
       AND NOT ("scopeValue" = ANY($4::text[])) RETURNING "scopeValue"`,
    [b.orgId, b.id, period.start, over.map(([v]) => v)],
  );
  for (const r of released.rows)
    await publishCap(
      tx,
      b,
      period,
      "budget.released",
      r.scopeValue,
      spends.get(r.scopeValue) ?? 0n,
      capOf(r.scopeValue),
    );
  return events + released.rows.length;
}
