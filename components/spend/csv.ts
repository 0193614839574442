import { DIMENSION_LABELS } from "./dimensions";
import type { SpendRow } from "./table-rows";
import type { Dimension, SpendResponse, SpendTotals } from "./types";
import { totalTokens } from "./types";

/** A CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused with a leading '. */
function field(value: string, text = false): string {
  const v = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The Explore table as CSV, row for row in the order shown, with exact amounts (the API's
 * decimal strings, not the rounded display) and the total last.
 */
export function spendCsv(
  rows: SpendRow[],
  groupBy: Dimension[],
  total: SpendTotals,
  totalShare: string | null,
): string {
  const dims = groupBy.length ? groupBy.map((d) => DIMENSION_LABELS[d]) : ["Group"];
  const header = [...dims, "Cost (USD)", "Events", "Requests", "Tokens", "Share (%)"];
  const lines = [header.map((h) => field(h)).join(",")];
  for (const r of rows) {
    const groups = groupBy.length ? groupBy.map((d) => (r.key[d] ? r.key[d]! : "(none)")) : [r.label];
    lines.push(
      [
        ...groups.map((g) => field(g, true)),
        r.cost,
        String(r.events),
        String(r.requests),
        String(r.tokens),
        r.share ?? "",
      ].join(","),
    );
  }
  const totalCells = dims.map((_, i) => (i === 0 ? "Total" : ""));
  lines.push(
    [
      ...totalCells,
      total.cost,
      String(total.events),
      String(total.requests),
      String(totalTokens(total)),
      totalShare ?? "",
    ].join(","),
  );
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * The series behind the chart as CSV: one row per period (bucket start, UTC) and group, in time order and,
 * within a period, in the answer's group order (largest first), with exact amounts. Periods without spend
 * of a group have no row.
 */
export function seriesCsv(data: SpendResponse): string {
  const dims = data.groupBy.length ? data.groupBy.map((d) => DIMENSION_LABELS[d]) : [];
  const header = ["Period start (UTC)", ...dims, "Cost (USD)", "Events", "Requests", "Tokens"];
  const rows: { t: string; order: number; cells: string[] }[] = [];
  data.series.forEach((s, order) => {
    const groups = data.groupBy.map((d) => field(s.key[d] ? s.key[d]! : "(none)", true));
    for (const p of s.points) {
      rows.push({
        t: p.t,
        order,
        cells: [p.t, ...groups, p.cost, String(p.events), String(p.requests), String(totalTokens(p))],
      });
    }
  });
  rows.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.order - b.order));
  return `${[header.map((h) => field(h)).join(","), ...rows.map((r) => r.cells.join(","))].join("\r\n")}\r\n`;
}

/** Saves text as a file from the browser. */
export function downloadText(text: string, filename: string, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
