import { roundToMinorUnit } from "@/lib/money";

const PICO_PER_CENT = 10_000_000_000n;

/** The total of a statement as Stripe bills it: rounded half-even to the cent. */
export const centsOf = (totalPico: bigint) => roundToMinorUnit(totalPico) / PICO_PER_CENT;

const floorDiv = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
};

/**
 * Invoice item amounts in cents for exact pico amounts, adding up to exactly the rounded total:
 * each is floored to the cent, then the cents left (at most one per item) go to the items with
 * the largest sub-cent remainders, ties to the earlier item.
 */
export function centsForItems(amountsPico: readonly bigint[]): bigint[] {
  const total = amountsPico.reduce((s, a) => s + a, 0n);
  const floors = amountsPico.map((a) => floorDiv(a, PICO_PER_CENT));
  let left = centsOf(total) - floors.reduce((s, a) => s + a, 0n);
  const order = amountsPico
    .map((a, i) => ({ i, r: a - floors[i]! * PICO_PER_CENT }))
    .sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  const out = [...floors];
  for (const { i } of order) {
    if (left <= 0n) break;
    out[i]! += 1n;
    left -= 1n;
  }
  return out;
}
