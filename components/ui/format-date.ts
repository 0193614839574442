export function formatDateTime(value: string | Date | null | undefined, empty = "—"): string {
  if (!value) return empty;
  return `${new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}
