import { usdToPico } from "@/lib/money/pico";

/** The caller's own cost figure in pico-USD; numbers go through their shortest decimal form. */
export function reportedCostPico(cost: number | string): bigint {
  if (typeof cost === "string") return usdToPico(cost);
  // Stryker disable next-line Regex: equivalent, trailing zeros of the fraction do not change the value (docs/mutation.md)
  const fixed = cost.toFixed(12).replace(/0+$/, "").replace(/\.$/, "");
  return usdToPico(fixed);
}

/** Burnrate's cost and the caller's differ by more than 1% of Burnrate's (flagged on the event). */
export function costMismatch(ours: bigint | null, theirs: bigint | null): boolean {
  if (ours === null || theirs === null) return false;
  // Stryker disable next-line EqualityOperator: equivalent, equal figures differ by 0 both ways (docs/mutation.md)
  const diff = ours > theirs ? ours - theirs : theirs - ours;
  return diff * 100n > ours;
}
