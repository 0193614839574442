/**
 * Presentation of exact decimal money strings ("123.456789", as the spend API returns them).
 * Everything here works on the digits with BigInt: no amount ever passes through a float.
 * Rounding is half-to-even, as for invoices (lib/money/pico.ts), so a dashboard figure
 * agrees with the CSV export and the invoice to the cent.
 */

import { divRoundHalfEven } from "./pico";

const DECIMAL = /^(-)?(\d+)(?:\.(\d*))?$/;

/** `value` as an integer count of 10^-scale units, rounded half-to-even. */
export function toScaled(value: string, scale: number): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${value}`);
  const [, minus, whole, frac = ""] = m;
  const kept = BigInt(whole! + frac.padEnd(scale, "0").slice(0, scale));
  const rest = frac.slice(scale);
  let n = kept;
  if (rest && /[1-9]/.test(rest)) {
    const half = rest[0]! > "5" || (rest[0] === "5" && /[1-9]/.test(rest.slice(1)));
    const tie = rest[0] === "5" && !/[1-9]/.test(rest.slice(1));
    if (half || (tie && kept % 2n === 1n)) n += 1n;
  }
  return minus ? -n : n;
}

/** Plain decimal string of n * 10^-scale with exactly `scale` decimals ("1234.50"). */
export function fromScaled(n: bigint, scale: number): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${neg ? "-" : ""}${whole}${scale > 0 ? `.${frac}` : ""}`;
}

const symbols = new Map<string, { symbol: string; digits: number }>();

/** The currency's symbol (en-US) and its number of minor digits (2 for USD, 0 for JPY). */
function currencyInfo(currency: string): { symbol: string; digits: number } {
  let info = symbols.get(currency);
  if (!info) {
    const nf = new Intl.NumberFormat("en-US", { style: "currency", currency });
    const symbol = nf.formatToParts(0).find((p) => p.type === "currency")?.value ?? currency;
    info = { symbol, digits: nf.resolvedOptions().maximumFractionDigits ?? 2 };
    symbols.set(currency, info);
  }
  return info;
}

/** "-$1,234.50" from a rounded scaled amount. */
function render(n: bigint, scale: number, symbol: string): string {
  const plain = fromScaled(n < 0n ? -n : n, scale);
  const [whole, frac] = plain.split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${n < 0n ? "-" : ""}${symbol}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

function isPositive(value: string): boolean {
  const m = DECIMAL.exec(value.trim());
  return !!m && !m[1] && /[1-9]/.test(`${m[2]}${m[3] ?? ""}`);
}

export type MoneyOptions = {
  /** Show "<$0.01" for a positive amount that rounds to zero (default true); false gives "$0.00". */
  lessThanMinor?: boolean;
};

/**
 * An exact decimal amount for people: "$1,234.57", half-to-even to the currency's minor unit.
 * A positive amount that would round to "$0.00" reads "<$0.01", so that spend never looks free.
 */
export function formatMoney(value: string, currency = "USD", opts: MoneyOptions = {}): string {
  const { symbol, digits } = currencyInfo(currency);
  return formatAt(value, digits, symbol, opts.lessThanMinor ?? true);
}

/** Like formatMoney with 4 decimals, for unit costs ("$0.0042" per request). */
export function formatMoneyPrecise(value: string, currency = "USD", decimals = 4): string {
  return formatAt(value, decimals, currencyInfo(currency).symbol, true);
}

function formatAt(value: string, scale: number, symbol: string, lessThan: boolean): string {
  const n = toScaled(value, scale);
  if (n === 0n && lessThan && isPositive(value)) return `<${render(1n, scale, symbol)}`;
  return render(n, scale, symbol);
}

/** Scale of the exact results of costPerUnit: a pico-dollar, the unit costs are stored in. */
export const UNIT_COST_SCALE = 12;

/**
 * cost / count * per, exact to a pico-dollar (half-to-even), as a decimal string with trailing
 * zeros trimmed; null when count is zero. E.g. costPerUnit("1.00", 3) = "0.333333333333",
 * costPerUnit(cost, tokens, 1000) is the cost per 1K tokens.
 */
export function costPerUnit(cost: string, count: number | bigint, per: number | bigint = 1): string | null {
  const c = BigInt(count);
  if (c === 0n) return null;
  if (c < 0n) throw new RangeError("count must not be negative");
  return trimZeros(fromScaled(divRoundHalfEven(toScaled(cost, UNIT_COST_SCALE) * BigInt(per), c), UNIT_COST_SCALE));
}

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** Compares two decimal strings exactly (for sorting by cost). */
export function compareMoney(a: string, b: string): number {
  const x = toScaled(a, UNIT_COST_SCALE);
  const y = toScaled(b, UNIT_COST_SCALE);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** part / whole as a percentage with `decimals` places, half-to-even ("12.5"); null if whole is 0. */
export function sharePercent(part: string, whole: string, decimals = 1): string | null {
  const w = toScaled(whole, UNIT_COST_SCALE);
  if (w === 0n) return null;
  const p = toScaled(part, UNIT_COST_SCALE) * 100n * 10n ** BigInt(decimals);
  return fromScaled(w < 0n ? divRoundHalfEven(-p, -w) : divRoundHalfEven(p, w), decimals);
}

/** a - b, exact ("0.3" - "0.1" = "0.2"). */
export function subtractMoney(a: string, b: string): string {
  return trimZeros(fromScaled(toScaled(a, UNIT_COST_SCALE) - toScaled(b, UNIT_COST_SCALE), UNIT_COST_SCALE));
}

/** value * num / den to a pico-dollar, half-to-even (a linear forecast: spend * monthLength / elapsed). */
export function scaleMoney(value: string, num: number | bigint, den: number | bigint): string {
  const d = BigInt(den);
  if (d <= 0n) throw new RangeError("denominator must be positive");
  return trimZeros(fromScaled(divRoundHalfEven(toScaled(value, UNIT_COST_SCALE) * BigInt(num), d), UNIT_COST_SCALE));
}

/** (current - previous) / previous in percent, 1 decimal ("-12.5"); null when previous is zero. */
export function percentChange(current: string, previous: string, decimals = 1): string | null {
  return sharePercent(subtractMoney(current, previous), previous, decimals);
}

/** a + b, exact ("0.1" + "0.2" = "0.3"). */
export function addMoney(a: string, b: string): string {
  return trimZeros(fromScaled(toScaled(a, UNIT_COST_SCALE) + toScaled(b, UNIT_COST_SCALE), UNIT_COST_SCALE));
}

/**
 * The amount to its last digit for people, at least the currency's minor digits: "$1,234.567891",
 * "$0.000042", "$12.50" (what the chart tooltips show beside the rounded figure).
 */
export function formatMoneyExact(value: string, currency = "USD"): string {
  const { symbol, digits } = currencyInfo(currency);
  const frac = trimZeros(fromScaled(toScaled(value, UNIT_COST_SCALE), UNIT_COST_SCALE)).split(".")[1] ?? "";
  const scale = Math.max(digits, frac.length);
  return render(toScaled(value, scale), scale, symbol);
}
