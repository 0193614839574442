import { addDays, addMonthsUTC, startOfDayUTC, startOfMonthUTC } from "./time-range";

/** The time windows of the Overview, one for every panel; month to date by default. */
export const WINDOWS = {
  mtd: "Month to date",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
} as const;
export type WindowChoice = keyof typeof WINDOWS;
export const isWindowChoice = (v: string | null | undefined): v is WindowChoice => !!v && Object.hasOwn(WINDOWS, v);

/**
 * One window, [from, to = now), and the previous period it is compared with: the same elapsed span
 * just before (for month to date, the same days of last month, cut at the end of last month).
 */
export type OverviewWindow = {
  choice: WindowChoice;
  from: Date;
  to: Date;
  prevFrom: Date;
  prevTo: Date;
};

const DAY = 86_400_000;

export function overviewWindow(choice: WindowChoice, now: Date): OverviewWindow {
  if (choice === "mtd") {
    const from = startOfMonthUTC(now);
    const prevFrom = addMonthsUTC(from, -1);
    const prevTo = new Date(Math.min(prevFrom.getTime() + (now.getTime() - from.getTime()), from.getTime()));
    return { choice, from, to: now, prevFrom, prevTo };
  }
  const days = Number(choice.replace("d", ""));
  const from = addDays(startOfDayUTC(now), 1 - days);
  return {
    choice,
    from,
    to: now,
    prevFrom: new Date(from.getTime() - days * DAY),
    prevTo: new Date(now.getTime() - days * DAY),
  };
}
