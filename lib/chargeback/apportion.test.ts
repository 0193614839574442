import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportion } from "./apportion";

const m = (o: Record<string, bigint>) => new Map(Object.entries(o));
const obj = (x: Map<string, bigint>) => Object.fromEntries(x);

describe("apportion", () => {
  it("splits 100 units 1:1:1 as 34/33/33, the extra unit to the first key (all remainders tie)", () => {
    expect(obj(apportion(100n, m({ b: 1n, a: 1n, c: 1n })))).toEqual({ a: 34n, b: 33n, c: 33n });
  });

  it("gives leftover units to the largest remainders first", () => {
    // 10 * 1/6 = 1 r4, 10 * 2/6 = 3 r2, 10 * 3/6 = 5 r0 -> floors 1+3+5 = 9, one unit left: x (r 4)
    expect(obj(apportion(10n, m({ x: 1n, y: 2n, z: 3n })))).toEqual({ x: 2n, y: 3n, z: 5n });
    // 7 by 1:1 -> 3 r1 each; one left, tie -> "a" (key order), not insertion order
    expect(obj(apportion(7n, m({ zz: 1n, a: 1n })))).toEqual({ a: 4n, zz: 3n });
  });

  it("splits evenly when every weight is zero, and negates for negative amounts", () => {
    expect(obj(apportion(5n, m({ a: 0n, b: 0n })))).toEqual({ a: 3n, b: 2n });
    expect(obj(apportion(-5n, m({ a: 0n, b: 0n })))).toEqual({ a: -3n, b: -2n });
  });

  it("refuses a negative weight, naming the party", () => {
    expect(() => apportion(10n, m({ a: 1n, b: -1n }))).toThrow(new RangeError("negative weight for b"));
  });

  it("128 parties, weights 1 and 2 alternating: the 36 units left go to the first 36 of weight 1 in key order", () => {
    // Total weight 64 * 1 + 64 * 2 = 192. 100 * 1 / 192 = 0 r 100; 100 * 2 / 192 = 1 r 8: given 64, left 36.
    // Weight-1 parties have the larger remainder (100): p000, p002, …, p070 (the first 36 of them) take one.
    const key = (i: number) => `p${String(i).padStart(3, "0")}`;
    const w = new Map(Array.from({ length: 128 }, (_, i) => [key(i), i % 2 === 0 ? 1n : 2n] as const));
    const expected = Object.fromEntries(
      Array.from({ length: 128 }, (_, i) => [key(i), i % 2 === 1 || i < 72 ? 1n : 0n]),
    );
    expect(obj(apportion(100n, w))).toEqual(expected);
  });

  it("returns nothing when there is nobody to take the amount", () => {
    expect(apportion(42n, new Map()).size).toBe(0);
  });

  const weights = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 6 }),
    fc.oneof(fc.bigInt({ min: 0n, max: 10n }), fc.bigInt({ min: 0n, max: 10n ** 18n })),
    { minKeys: 1, maxKeys: 30 },
  );
  const amount = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n });

  it("property: shares always add up to the amount exactly", () => {
    fc.assert(
      fc.property(amount, weights, (a, w) => {
        const shares = apportion(a, new Map(Object.entries(w)));
        expect([...shares.values()].reduce((s, v) => s + v, 0n)).toBe(a);
        expect(shares.size).toBe(Object.keys(w).length);
      }),
      { numRuns: 2000 },
    );
  });

  it("property: each share is within one unit of its exact proportional value", () => {
    fc.assert(
      fc.property(amount, weights, (a, w) => {
        const entries = Object.entries(w);
        let total = entries.reduce((s, [, v]) => s + v, 0n);
        const even = total === 0n;
        if (even) total = BigInt(entries.length);
        const shares = apportion(a, new Map(entries));
        for (const [k, v] of entries) {
          const exactTimesTotal = a * (even ? 1n : v); // share * total should be within total of this
          const diff = shares.get(k)! * total - exactTimesTotal;
          expect(diff < 0n ? -diff : diff).toBeLessThan(total);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("property: deterministic whatever the insertion order of the parties", () => {
    fc.assert(
      fc.property(amount, weights, (a, w) => {
        const entries = Object.entries(w);
        const forward = obj(apportion(a, new Map(entries)));
        const backward = obj(apportion(a, new Map([...entries].reverse())));
        expect(backward).toEqual(forward);
      }),
      { numRuns: 500 },
    );
  });
});
