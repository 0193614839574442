import { bumpPeriodVersions } from "@/lib/redis/cap-versions";
import { foldWatermark } from "@/lib/rollups/fold-watermark";
import { thresholdLevels } from "./budget-input";
import type { Period } from "./budget-period";
import { type BudgetTx, inBudgetTransaction } from "./budget-transaction";
import { starDimension, type BudgetRow } from "./budget-row";
import { spendByValue } from "./budget-spend";
import { projectSpend, weeklyProfile, type Projection } from "./forecast-spend";
import { openOrEscalateAlert } from "./record-alert";
import { recordCaps } from "./record-caps";

const KEY = `"orgId", "budgetId", "periodStart", "scopeValue"`;

/**
 * Saves the period's spend per value (only values with spend). `readAt` is when the spend was
 * read: an evaluator that read earlier never overwrites a later one's figures.
 */
async function saveSpends(
  tx: BudgetTx,
  b: BudgetRow,
  period: Period,
  spends: Map<string, bigint>,
  readAt: Date,
  foldedBefore: Date,
) {
  const values = [...spends.keys()].sort();
  await tx.query(
    `INSERT INTO budget_period_spend (${KEY}, "periodEnd", "spentPico", "updatedAt", "foldedBefore")
     SELECT $1, $2, $3, v, $4, s, $7, $8 FROM unnest($5::text[], $6::int8[]) AS u(v, s) ORDER BY v
     ON CONFLICT (${KEY}) DO UPDATE SET "spentPico" = EXCLUDED."spentPico", "periodEnd" = EXCLUDED."periodEnd",
       "updatedAt" = EXCLUDED."updatedAt", "foldedBefore" = EXCLUDED."foldedBefore"
       WHERE budget_period_spend."updatedAt" <= EXCLUDED."updatedAt"`,
    [
      b.orgId,
      b.id,
      period.start,
      period.end,
      values,
      values.map((v) => spends.get(v)!.toString()),
      readAt,
      foldedBefore,
    ],
  );
  await tx.query(
    `DELETE FROM budget_period_spend WHERE "orgId" = $1 AND "budgetId" = $2 AND "periodStart" = $3
        AND NOT ("scopeValue" = ANY($4::text[])) AND "updatedAt" < $5`,
    [b.orgId, b.id, period.start, values, readAt],
  );
}

type Crossing = { scopeValue: string; threshold: string; thresholdPico: bigint; spentPico: bigint };

/**
 * Inserts a crossing for every (value, threshold) now reached; ON CONFLICT DO NOTHING on the
 * primary key (budget, period, value, threshold) makes exactly one evaluator the winner of each,
 * whatever the number of workers, retries and redeliveries. Returns the crossings this call won.
 */
async function recordCrossings(tx: BudgetTx, b: BudgetRow, period: Period, rows: Crossing[], notified: boolean) {
  if (rows.length === 0) return [];
  const res = await tx.query<Crossing>(
    `INSERT INTO budget_crossings (${KEY}, threshold, "thresholdPico", "spentPico", notified)
     SELECT $1, $2, $3, v, k, tp, sp, $4 FROM unnest($5::text[], $6::text[], $7::int8[], $8::int8[]) AS u(v, k, tp, sp)
     ORDER BY v, k
     ON CONFLICT DO NOTHING
     RETURNING "scopeValue", threshold, "thresholdPico", "spentPico"`,
    [
      b.orgId,
      b.id,
      period.start,
      notified,
      rows.map((r) => r.scopeValue),
      rows.map((r) => r.threshold),
      rows.map((r) => r.thresholdPico.toString()),
      rows.map((r) => r.spentPico.toString()),
    ],
  );
  return res.rows;
}

/** The forecast of a budget without "*" that has forecastAlert and is not yet over its amount. */
async function forecastFor(b: BudgetRow, period: Period, spent: bigint, now: Date): Promise<Projection | null> {
  if (!b.forecastAlert || starDimension(b.scope) || spent >= b.amountPico || period.end <= now) return null;
  const profile = await weeklyProfile(b.orgId, b.scope, now);
  return projectSpend({ spentPico: spent, amountPico: b.amountPico, profile, now, periodEnd: period.end });
}

/**
 * Evaluates one budget in one period at `now`: saves its spend per value, records the thresholds
 * reached and opens or escalates alerts for those this call won, all in one transaction.
 * Each threshold alerts once per budget, period and value. A period that has ended (a late event)
 * gets its figures updated and new crossings recorded with `notified = false`: they show in the
 * budget's history but open no alert and notify nobody (the period is over; nothing can be done).
 */
export async function evaluateBudgetPeriod(b: BudgetRow, period: Period, now: Date): Promise<{ alerts: number }> {
  const readAt = new Date();
  // The watermark before the spend: what the rollups hold when read (reservations settled earlier stop holding).
  const foldedBefore = await foldWatermark(b.orgId);
  const spends = await spendByValue(b.orgId, b.scope, period);
  const closed = period.end <= now;
  const levels = thresholdLevels(b.thresholds, b.amountPico);
  const reached: Crossing[] = [];
  for (const [scopeValue, spentPico] of spends)
    for (const l of levels)
      if (l.pico <= spentPico) reached.push({ scopeValue, threshold: l.key, thresholdPico: l.pico, spentPico });
  const forecast = await forecastFor(b, period, spends.get("") ?? 0n, now);

  const result = await inBudgetTransaction(async (tx) => {
    await saveSpends(tx, b, period, spends, readAt, foldedBefore);
    const won = await recordCrossings(tx, b, period, reached, !closed);
    let alerts = 0;
    if (!closed) {
      const highest = new Map<string, Crossing>();
      for (const c of won) {
        const h = highest.get(c.scopeValue);
        if (!h || c.thresholdPico > h.thresholdPico) highest.set(c.scopeValue, c);
      }
      for (const c of highest.values()) {
        const level = levels.find((l) => l.key === c.threshold)!;
        await openOrEscalateAlert(tx, b, period, {
          ...c,
          kind: "threshold",
          key: c.threshold,
          threshold: level.threshold,
        });
        alerts++;
      }
    }
    if (!closed) alerts += await recordCaps(tx, b, period, spends);
    if (forecast?.exceedsAt) {
      const spentPico = spends.get("") ?? 0n;
      const fc = { scopeValue: "", threshold: "forecast", thresholdPico: b.amountPico, spentPico };
      if ((await recordCrossings(tx, b, period, [fc], true)).length > 0) {
        await openOrEscalateAlert(tx, b, period, {
          ...fc,
          kind: "forecast",
          key: "forecast",
          threshold: { forecast: true },
          projectedAt: forecast.exceedsAt,
        });
        alerts++;
      }
    }
    return { alerts };
  });
  // After the commit: the limits API's copies of this period's figures are stale.
  if (b.hardCap) await bumpPeriodVersions(b.orgId, [{ budgetId: b.id, periodStart: period.start }]);
  return result;
}
