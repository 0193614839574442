import { formatPicoUsd } from "@/lib/money";
import type { OrgContext } from "@/lib/tenancy/context";
import { thresholdLevels } from "./budget-input";
import { floorHour } from "./budget-period";
import { starDimension } from "./budget-row";
import { hourlySpendByValue, spendByValue } from "./budget-spend";
import { readDraftBudget } from "./read-draft-budget";

const HOUR = 3_600_000;
const SHOWN = 100;

/**
 * The live preview of the create/edit page, for a budget that is not saved: the current period's
 * spend in that scope (top values of a "*" scope), and the alerts it would have sent last period:
 * for each value and threshold, the end of the hour in which the running spend reached it.
 * An endUser/apiKey scope in an organisation without scoped spend yet is read from the events.
 */
export async function previewBudget(ctx: OrgContext, input: unknown, now = new Date()) {
  const { b, amountPico, source, current, last } = await readDraftBudget(ctx, input, now);
  const spends = [...(await spendByValue(ctx.orgId, b.scope, current, source))].sort((x, y) =>
    y[1] > x[1] ? 1 : y[1] < x[1] ? -1 : 0,
  );
  const levels = thresholdLevels(b.thresholds, amountPico);
  const hourly = await hourlySpendByValue(ctx.orgId, b.scope, floorHour(last.start), floorHour(last.end), source);
  const alerts: { scopeValue: string | null; threshold: string; amount: string; at: string }[] = [];
  for (const [value, points] of hourly) {
    let running = 0n;
    let next = 0;
    for (const [t, pico] of points.sort((x, y) => x[0] - y[0])) {
      running += pico;
      while (next < levels.length && levels[next]!.pico <= running) {
        const l = levels[next++]!;
        alerts.push({
          scopeValue: starDimension(b.scope) ? value : null,
          threshold: l.key,
          amount: formatPicoUsd(l.pico),
          at: new Date(t + HOUR).toISOString(),
        });
      }
    }
  }
  alerts.sort((x, y) => x.at.localeCompare(y.at) || x.threshold.localeCompare(y.threshold));
  return {
    period: { start: current.start.toISOString(), end: current.end.toISOString() },
    spent: formatPicoUsd(spends.reduce((a, [, p]) => a + p, 0n)),
    topValues: starDimension(b.scope)
      ? spends.slice(0, 10).map(([value, p]) => ({ value, spent: formatPicoUsd(p) }))
      : null,
    lastPeriod: {
      period: { start: last.start.toISOString(), end: last.end.toISOString() },
      wouldHaveAlerted: alerts.slice(0, SHOWN),
      alertCount: alerts.length,
    },
  };
}
