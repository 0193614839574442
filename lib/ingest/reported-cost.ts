import { usdToPico } from "@/lib/pricing/money";

/** The caller's own cost figure in pico-USD; numbers go through their shortest decimal form. */
export function reportedCostPico(cost: number | string): bigint {
  if (typeof cost === "string") return usdToPico(cost);
  const fixed = cost.toFixed(12).replace(/0+$/, "").replace(/\.$/, "");
  return usdToPico(fixed);
}
