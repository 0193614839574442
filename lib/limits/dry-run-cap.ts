import { formatPicoUsd } from "@/lib/money";
import type { OrgContext } from "@/lib/tenancy/context";
import { floorHour } from "@/lib/budgets/budget-period";
import { starDimension } from "@/lib/budgets/budget-row";
import { hourlySpendByValue, spendByValue } from "@/lib/budgets/budget-spend";
import { readDraftBudget } from "@/lib/budgets/read-draft-budget";

const HOUR = 3_600_000;
const SHOWN = 50;
const byPicoDesc = <T extends { pico: bigint }>(a: T, b: T) => (b.pico > a.pico ? 1 : b.pico < a.pico ? -1 : 0);

/**
 * What a hard cap with this definition would do (nothing is saved): the scopes it would cap now
 * (spend of the current period at or over the amount), and last period, per value, the hour it
 * would have capped and the spend after it — what it would have refused — with the total.
 * An endUser/apiKey scope in an organisation without scoped spend yet is read from the events.
 */
export async function dryRunCap(ctx: OrgContext, input: unknown, now = new Date()) {
  const { b, amountPico, source, current, last } = await readDraftBudget(ctx, input, now, { hardCap: true });
  const star = starDimension(b.scope);
  const label = (v: string) => (star ? v : null);

  const cappedNow = [...(await spendByValue(ctx.orgId, b.scope, current, source))]
    .filter(([, pico]) => pico >= amountPico)
    .map(([value, pico]) => ({ value, pico }))
    .sort(byPicoDesc);

  const refusedLast: { value: string; cappedAt: string; pico: bigint; spent: bigint }[] = [];
  const hourly = await hourlySpendByValue(ctx.orgId, b.scope, floorHour(last.start), floorHour(last.end), source);
  for (const [value, points] of hourly) {
    let running = 0n;
    let cappedAt: number | null = null;
    for (const [t, pico] of points.sort((x, y) => x[0] - y[0])) {
      running += pico;
      if (cappedAt === null && running >= amountPico) cappedAt = t + HOUR;
    }
    if (cappedAt !== null)
      refusedLast.push({
        value,
        cappedAt: new Date(cappedAt).toISOString(),
        pico: running - amountPico,
        spent: running,
      });
  }
  refusedLast.sort(byPicoDesc);

  return {
    period: { start: current.start.toISOString(), end: current.end.toISOString() },
    amount: formatPicoUsd(amountPico),
    wouldCapNow: cappedNow.slice(0, SHOWN).map((c) => ({ scopeValue: label(c.value), spent: formatPicoUsd(c.pico) })),
    wouldCapNowCount: cappedNow.length,
    lastPeriod: {
      period: { start: last.start.toISOString(), end: last.end.toISOString() },
      refused: formatPicoUsd(refusedLast.reduce((a, r) => a + r.pico, 0n)),
      cappedCount: refusedLast.length,
      capped: refusedLast.slice(0, SHOWN).map((r) => ({
        scopeValue: label(r.value),
        cappedAt: r.cappedAt,
        spent: formatPicoUsd(r.spent),
        refused: formatPicoUsd(r.pico),
      })),
    },
  };
}
