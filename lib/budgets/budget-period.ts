/**
 * Budget periods in an organisation's IANA time zone, with Intl only (no date library).
 * day: local midnight to midnight; week: Monday 00:00 to Monday; month, quarter: calendar;
 * custom: from local midnight of `startDay` (1-28) of a month to the same day of the next month.
 * A period is [start, end); `end` is when it resets. Across DST a day lasts 23 or 25 hours; a
 * local midnight that does not exist (a zone that springs forward at 00:00) starts at the
 * first instant of that day.
 */
export type PeriodKind = "day" | "week" | "month" | "quarter" | "custom";
export type PeriodSpec = { period: PeriodKind; startDay?: number | null };
export type Period = { start: Date; end: Date };

type Wall = { y: number; m: number; d: number; h: number; mi: number; s: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  // Stryker disable next-line ConditionalExpression: equivalent, the formatter cache only saves time (docs/mutation.md)
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone ("Europe/Berlin"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall-clock time of an instant in a zone. */
function wallAt(t: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) {
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, a "literal" entry is never read (docs/mutation.md)
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute!, s: parts.second! };
}

const wallAsUtc = (w: Wall) => Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
/** The zone's offset (ms east of UTC) at an instant, to the second. */
const offsetAt = (t: number, timeZone: string) => wallAsUtc(wallAt(t, timeZone)) - Math.floor(t / 1000) * 1000;

/**
 * The first instant whose local time is `y-m-d 00:00` in the zone (month/day may overflow, as
 * with Date.UTC). In a gap (that midnight does not exist) it is the instant the day begins.
 */
export function localMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const guess = Date.UTC(y, m - 1, d);
  const offsets = [guess - 86_400_000, guess, guess + 86_400_000].map((t) => offsetAt(t, timeZone));
  const candidates = [...new Set(offsets)].map((o) => guess - o);
  const exact = candidates.filter((t) => wallAsUtc(wallAt(t, timeZone)) === guess);
  // An overlap gives two exact candidates (take the first); a gap gives none (the later one is
  // the transition instant, where the day begins).
  return new Date(exact.length ? Math.min(...exact) : Math.max(...candidates));
}

/** The local calendar date of an instant and its weekday (0 = Monday). */
function localDate(t: Date, timeZone: string) {
  const w = wallAt(t.getTime(), timeZone);
  const weekday = (new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay() + 6) % 7;
  return { y: w.y, m: w.m, d: w.d, weekday };
}

/** [y, m, d] of the local start of the period containing the local date (month may be < 1). */
function startDate(spec: PeriodSpec, y: number, m: number, d: number, weekday: number): [number, number, number] {
  switch (spec.period) {
    case "day":
      return [y, m, d];
    case "week":
      return [y, m, d - weekday];
    case "month":
      return [y, m, 1];
    case "quarter":
      return [y, m - ((m - 1) % 3), 1];
    case "custom": {
      const s = spec.startDay ?? 1;
      return d >= s ? [y, m, s] : [y, m - 1, s];
    }
  }
}

function nextStartDate(spec: PeriodSpec, [y, m, d]: [number, number, number]): [number, number, number] {
  switch (spec.period) {
    case "day":
      return [y, m, d + 1];
    case "week":
      return [y, m, d + 7];
    case "month":
    case "custom":
      return [y, m + 1, d];
    case "quarter":
      return [y, m + 3, d];
  }
}

/** The period containing instant `at` in the zone. */
export function periodAt(spec: PeriodSpec, timeZone: string, at: Date): Period {
  const { y, m, d, weekday } = localDate(at, timeZone);
  const s = startDate(spec, y, m, d, weekday);
  const e = nextStartDate(spec, s);
  return { start: localMidnight(...s, timeZone), end: localMidnight(...e, timeZone) };
}

/** The period just before `period` (its start is the previous one's end). */
export function previousPeriod(spec: PeriodSpec, timeZone: string, period: Period): Period {
  return periodAt(spec, timeZone, new Date(period.start.getTime() - 1));
}

/** Rollups are hourly in UTC: a boundary inside an hour (a +05:30 zone) counts from that hour. */
export const floorHour = (d: Date) => new Date(Math.floor(d.getTime() / 3_600_000) * 3_600_000);

/** The periods that overlap [from, to], oldest first, at most `max` (the newest ones). */
export function periodsBetween(spec: PeriodSpec, timeZone: string, from: Date, to: Date, max = 45): Period[] {
  const out: Period[] = [];
  let p = periodAt(spec, timeZone, to);
  while (out.length < max) {
    out.unshift(p);
    if (p.start <= from) break;
    p = previousPeriod(spec, timeZone, p);
  }
  return out;
}
