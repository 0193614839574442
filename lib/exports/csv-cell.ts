/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF (quotes doubled), and a
 * text starting with = + - @ TAB or CR gets a leading apostrophe so spreadsheets never read it as
 * a formula (OWASP CSV injection). Numbers are written as they are.
 */
export function csvCell(value: string | number | bigint | null | undefined, text = true): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (cells: string[]) => `${cells.join(",")}\r\n`;
