import { DIMENSION_LABELS } from "./dimensions";
import type { SpendRow } from "./table-rows";
import type { Dimension, SpendTotals } from "./types";
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
