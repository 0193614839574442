/** The app's one date format: "24 Nov 2026", UTC days (as describeDays and chart labels write them). */
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function formatDateTime(value: string | Date | null | undefined, empty = "—"): string {
  if (!value) return empty;
  return `${new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

/** A UTC day ("2026-11-24" or a timestamp) as "24 Nov 2026"; a value that is no date stays as it is. */
export function formatDay(value: string | Date | null | undefined, empty = "—"): string {
  if (!value) return empty;
  const d = new Date(typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? String(value) : day.format(d);
}
