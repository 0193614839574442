import { z } from "zod";
import { localMidnight, periodAt } from "@/lib/budgets/budget-period";

/** A chargeback period: a calendar month "YYYY-MM" in the organisation's time zone. */
export const periodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM, e.g. 2026-11")
  .describe("Calendar month YYYY-MM in the organisation time zone");

export type PeriodBounds = { period: string; start: Date; end: Date };

const fmt = (y: number, m: number) => {
  const d = new Date(Date.UTC(y, m - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/** [start, end) of a month in the zone. */
export function periodBounds(period: string, timeZone: string): PeriodBounds {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return { period: fmt(y, m), start: localMidnight(y, m, 1, timeZone), end: localMidnight(y, m + 1, 1, timeZone) };
}

/** The month containing an instant, in the zone. */
export function periodContaining(at: Date, timeZone: string): string {
  const { start } = periodAt({ period: "month" }, timeZone, at);
  // The local date of the period start is the 1st of its month; read it back in the zone.
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(start);
  const y = parts.find((p) => p.type === "year")!.value;
  const m = parts.find((p) => p.type === "month")!.value;
  return `${y}-${m}`;
}

export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return fmt(y, m + months);
}
