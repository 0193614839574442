const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "2.50" → "2.5", "007" → "7", "1.000" → "1": one spelling per decimal value. */
export function normalizeDecimal(s: string): string {
  const m = DECIMAL.exec(s);
  if (!m) return s;
  const whole = m[1]!.replace(/^0+(?=\d)/, "");
  const frac = (m[2] ?? "").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole;
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);

/** A canonical text of prices: keys sorted, decimals by value, empty objects and nulls dropped. */
export function canonicalPrices(v: unknown): string {
  return JSON.stringify(isEmpty(v) ? null : v, (_k, x) => {
    if (typeof x === "string") return normalizeDecimal(x);
    if (x && typeof x === "object" && !Array.isArray(x))
      return Object.fromEntries(
        Object.entries(x)
          .filter(([, y]) => !isEmpty(y))
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    return x;
  });
}

/** Whether two price structures hold the same values ("2.50" equals "2.5"). */
export const samePrices = (a: unknown, b: unknown) => canonicalPrices(a) === canonicalPrices(b);
