import { floorHour } from "./budget-period";
import type { BudgetScope } from "./budget-input";
import { hourlySpendByValue } from "./budget-spend";

const HOUR = 3_600_000;
const WEEK_HOURS = 168;
const WEEKS = 4n;
/** Hour-of-week index of an hour (UTC epoch hours modulo 168: any fixed origin serves). */
const hourOfWeek = (t: number) => ((Math.floor(t / HOUR) % WEEK_HOURS) + WEEK_HOURS) % WEEK_HOURS;

/**
 * The organisation's usual spend in this scope per hour of the week: the SUM over the four
 * weeks (672 hours) before the current hour, per hour-of-week slot (divide by 4 for the mean).
 */
export async function weeklyProfile(orgId: string, scope: BudgetScope, now: Date): Promise<bigint[]> {
  const to = floorHour(now);
  const from = new Date(to.getTime() - Number(WEEKS) * WEEK_HOURS * HOUR);
  const profile = Array.from({ length: WEEK_HOURS }, () => 0n);
  for (const [t, pico] of (await hourlySpendByValue(orgId, scope, from, to)).get("") ?? [])
    profile[hourOfWeek(t)]! += pico;
  return profile;
}

export type Projection = { projectedPico: bigint; exceedsAt: Date | null };

/**
 * Forecast method: spend so far in the period, plus, for every whole hour left after the current
 * one, the mean spend of that hour of the week over the last four weeks. The projection is exact
 * (sums of quarters of pico units, rounded half-up to a pico at the end); `exceedsAt` is the end
 * of the first hour after which the running projection reaches `amountPico` (null if it does not
 * before the period ends). All comparisons are done on 4x the amounts, in integers.
 */
export function projectSpend(input: {
  spentPico: bigint;
  amountPico: bigint;
  profile: bigint[];
  now: Date;
  periodEnd: Date;
}): Projection {
  const { spentPico, amountPico, profile, now, periodEnd } = input;
  let running4 = spentPico * WEEKS;
  const target4 = amountPico * WEEKS;
  let exceedsAt: Date | null = running4 >= target4 ? now : null;
  for (let t = floorHour(now).getTime() + HOUR; t < periodEnd.getTime(); t += HOUR) {
    running4 += profile[hourOfWeek(t)]!;
    if (!exceedsAt && running4 >= target4) exceedsAt = new Date(Math.min(t + HOUR, periodEnd.getTime()));
  }
  return { projectedPico: (running4 + WEEKS / 2n) / WEEKS, exceedsAt };
}
