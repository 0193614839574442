/**
 * Splits an exact amount (pico-dollars, any sign) among parties in proportion to non-negative
 * integer weights, so that the shares add up to the amount exactly.
 *
 * Remainder rule (largest remainder, deterministic): each party first gets
 * floor(|amount| * weight / totalWeight); the units left over (fewer than the number of parties
 * with a weight) go one each to the parties with the largest remainders
 * (|amount| * weight mod totalWeight), ties broken by party key in ascending code-unit order.
 * A negative amount is split as its absolute value, then negated. With every weight zero the
 * amount is split evenly (weight 1 each). No parties: nothing can take the amount (empty map).
 */
export function apportion(amount: bigint, weights: ReadonlyMap<string, bigint>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const keys = [...weights.keys()].sort(compareKeys);
  if (keys.length === 0) return out;
  for (const k of keys) if (weights.get(k)! < 0n) throw new RangeError(`negative weight for ${k}`);
  const sum = keys.reduce((s, k) => s + weights.get(k)!, 0n);
  const even = sum === 0n;
  const w = (k: string) => (even ? 1n : weights.get(k)!);
  const total = even ? BigInt(keys.length) : sum;
  const neg = amount < 0n;
  const abs = neg ? -amount : amount;
  let given = 0n;
  const remainders: { key: string; r: bigint }[] = [];
  for (const k of keys) {
    const share = (abs * w(k)) / total;
    out.set(k, share);
    given += share;
    remainders.push({ key: k, r: (abs * w(k)) % total });
  }
  let left = abs - given;
  remainders.sort((a, b) => (a.r === b.r ? compareKeys(a.key, b.key) : a.r > b.r ? -1 : 1));
  for (const { key } of remainders) {
    if (left === 0n) break;
    out.set(key, out.get(key)! + 1n);
    left -= 1n;
  }
  if (neg) for (const k of keys) out.set(k, -out.get(k)!);
  return out;
}

/** Plain code-unit order (locale-independent, so the remainder rule never depends on the server). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
