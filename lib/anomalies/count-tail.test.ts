import { describe, expect, it } from "vitest";
import { countScore } from "./count-tail";

// Expected values by hand: P(N ≥ k) for N ~ Poisson(λ) = 1 − e^−λ Σ_{i<k} λ^i / i!, then the normal
// quantile of 1 − P (tables: Φ(3.049) = 1 − 0.001148, Φ(0.910) = 1 − 0.1814).
describe("countScore (sparse series: Poisson tails)", () => {
  it("3 requests of $1 where 0.2 are expected: P = 1 − e^−0.2 (1 + 0.2 + 0.02) = 0.001148, z ≈ 3.05", () => {
    expect(countScore(3, 0.2, 1)).toBeCloseTo(3.049, 2);
    // Spend is counted in requests of about the granule: $7.80 of $2.60 requests is 3 of them.
    expect(countScore(7.8, 0.52, 2.6)).toBeCloseTo(3.049, 2);
  });

  it("one request where 0.2 are expected is ordinary (P = 1 − e^−0.2 = 0.181, z ≈ 0.91); at or under expected, 0", () => {
    expect(countScore(1, 0.2, 1)).toBeCloseTo(0.91, 2);
    expect(countScore(2, 2, 1)).toBe(0);
    expect(countScore(0, 0.5, 1)).toBe(0);
  });

  it("a normal band would call 3 requests on 0.2 a 6-sigma hour; the count's tail does not", () => {
    // Poisson sd at λ = 0.2 is √0.2 = 0.447 requests: (3 − 0.2) / 0.447 = 6.3.
    expect((3 - 0.2) / Math.sqrt(0.2)).toBeGreaterThan(6);
    expect(countScore(3, 0.2, 1)).toBeLessThan(3.5);
  });
});
