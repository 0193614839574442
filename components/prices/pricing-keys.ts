import type { QueryClient } from "@tanstack/react-query";

/** Query keys of the pricing screens, and what to refresh after a price change. */
export const pricingKeys = {
  catalog: (org: string) => ["prices", org] as const,
  overrides: (org: string) => ["price-overrides", org] as const,
  jobs: (org: string) => ["reprice-jobs", org] as const,
  unpriced: (org: string) => ["unpriced", org] as const,
  schedule: (org: string) => ["price-schedule", org] as const,
};

export function refreshPricing(client: QueryClient, org: string) {
  for (const key of Object.values(pricingKeys)) void client.invalidateQueries({ queryKey: key(org) });
}
