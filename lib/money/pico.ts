/**
 * Burnrate's money unit: the pico-dollar (1e-12 USD), held in a bigint. A list price of
 * X USD per million tokens is exactly X * 1e6 pico-USD per token for any X with at most six
 * decimals, so tokens * price is exact. The only rounding anywhere is half-to-even to a whole
 * pico-dollar when a percentage or multiplier is applied to a cost, and half-to-even to the
 * currency's minor unit when an amount is presented or invoiced.
 */
export const PICO_PER_USD = 1_000_000_000_000n;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "2.50" (with at most `scale` decimals) as an integer scaled by 10^scale. */
export function parseScaled(value: string, scale: number): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new RangeError(`not a non-negative decimal: ${value}`);
  const frac = m[2] ?? "";
  if (frac.length > scale) {
    if (/[1-9]/.test(frac.slice(scale))) throw new RangeError(`${value} has more than ${scale} decimals`);
  }
  return BigInt(m[1]!) * 10n ** BigInt(scale) + BigInt((frac + "0".repeat(scale)).slice(0, scale) || "0");
}

/** USD per 1M tokens → pico-USD per token. */
export const perMillionToPicoPerToken = (perMillion: string): bigint => parseScaled(perMillion, 6);

/** USD per unit (request, image, second) → pico-USD per unit. */
export const usdToPico = (usd: string): bigint => parseScaled(usd, 12);

/** Exact decimal string of a pico amount in USD, trailing zeros trimmed ("0.0125"). */
export function formatPicoUsd(pico: bigint): string {
  const neg = pico < 0n;
  const abs = neg ? -pico : pico;
  const whole = abs / PICO_PER_USD;
  const frac = (abs % PICO_PER_USD).toString().padStart(12, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** Integer division rounding half to even. */
export function divRoundHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError("divisor must be positive");
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const r = a % d;
  if (r * 2n > d || (r * 2n === d && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/** pico * "0.5" or pico * "87.5" / 100, rounded half-even to a whole pico-dollar. */
export function multiplyDecimal(pico: bigint, factor: string): bigint {
  const scale = 9;
  return divRoundHalfEven(pico * parseScaled(factor, scale), 10n ** BigInt(scale));
}

/** Rounds a pico amount to the minor unit of a currency (cents for USD), half-even. */
export function roundToMinorUnit(pico: bigint, minorDigits = 2): bigint {
  const per = PICO_PER_USD / 10n ** BigInt(minorDigits);
  return divRoundHalfEven(pico, per) * per;
}
