/**
 * Exact decimal shift of a number's shortest decimal form: shiftDecimal(2.5e-6, 6) === "2.5".
 * Converts LiteLLM's per-token floats to per-million strings without float arithmetic.
 */
export function shiftDecimal(value: number, places: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`not a non-negative finite number: ${value}`);
  const [mantissa, exp = "0"] = value.toString().toLowerCase().split("e");
  const [int, frac = ""] = mantissa!.split(".");
  const digits = int! + frac;
  const point = int!.length + Number(exp) + places;
  const padded = point <= 0 ? "0".repeat(1 - point) + digits : digits.padEnd(point, "0");
  const at = Math.max(point, 1);
  const whole = padded.slice(0, at).replace(/^0+(?=\d)/, "");
  const rest = padded.slice(at).replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : whole;
}
