import type { PriceOverride } from "@/lib/db/generated/client";
import type { PriceSet } from "../catalog-schema";

/** An override as the API returns it: the percentage as a decimal string, its prices typed. */
export function overrideView(override: PriceOverride) {
  return {
    ...override,
    percentOff: override.percentOff?.toString() ?? null,
    prices: override.prices as PriceSet | null,
  };
}

/** An override change (create or end) as the API returns it, with the re-pricing run it queued. */
export function overrideResponse({
  override,
  repriceJob,
}: {
  override: PriceOverride;
  repriceJob: { id: string; status: string };
}) {
  return { override: overrideView(override), repriceJob };
}
