import type { Granularity } from "./types";

const DAY = 86_400_000;

export const startOfDayUTC = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
export const startOfMonthUTC = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
export const addMonthsUTC = (d: Date, n: number): Date =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate(), d.getUTCHours()));
export const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * DAY);

/** The last `days` UTC days including today: [start of day days-1 ago, start of tomorrow). */
export function lastDays(days: number, now: Date): { from: Date; to: Date } {
  const tomorrow = addDays(startOfDayUTC(now), 1);
  return { from: addDays(tomorrow, -days), to: tomorrow };
}

/** "2026-11-24" (UTC) */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** Start of the bucket holding `d`, as Postgres date_trunc(granularity, d, 'UTC') (weeks start on Monday). */
export function truncUTC(d: Date, g: Granularity): Date {
  switch (g) {
    case "hour":
      return new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);
    case "day":
      return startOfDayUTC(d);
    case "week": {
      const day = startOfDayUTC(d);
      return addDays(day, -((day.getUTCDay() + 6) % 7));
    }
    case "month":
      return startOfMonthUTC(d);
  }
}

function next(d: Date, g: Granularity): Date {
  if (g === "hour") return new Date(d.getTime() + 3_600_000);
  if (g === "day") return addDays(d, 1);
  if (g === "week") return addDays(d, 7);
  return addMonthsUTC(d, 1);
}

/** Every bucket start (ISO) of [from, to), so that charts show days without spend as zero. */
export function bucketStarts(from: Date, to: Date, g: Granularity, max = 5000): string[] {
  const out: string[] = [];
  for (let t = truncUTC(from, g); t < to && out.length < max; t = next(t, g)) out.push(t.toISOString());
  return out;
}

const fmt = (opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { ...opts, timeZone: "UTC" });
const dayFmt = fmt({ day: "numeric", month: "short" });
const hourFmt = fmt({ day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const monthFmt = fmt({ month: "short", year: "numeric" });

/** Axis label of a bucket: "24 Nov", "24 Nov, 13:00", "w/c 23 Nov", "Nov 2026" (UTC). */
export function bucketLabel(iso: string, g: Granularity): string {
  const d = new Date(iso);
  if (g === "hour") return hourFmt.format(d);
  if (g === "week") return `w/c ${dayFmt.format(d)}`;
  if (g === "month") return monthFmt.format(d);
  return dayFmt.format(d);
}

/** "1–24 Nov 2026" style description of [from, to) in whole UTC days. */
export function describeDays(from: Date, to: Date): string {
  const last = new Date(to.getTime() - 1);
  const full = fmt({ day: "numeric", month: "short", year: "numeric" });
  return from.getTime() >= last.getTime() ? full.format(from) : `${full.format(from)} – ${full.format(last)}`;
}
