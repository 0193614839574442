import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { pricingKeys } from "./pricing-keys";
import type { CatalogPage } from "./types";
import { apiUrl } from "@/lib/client/api-url";

/** The catalog's providers, for suggestions and the provider filter. */
export function useProviders(orgSlug: string): string[] {
  const q = useQuery({
    queryKey: [...pricingKeys.catalog(orgSlug), "providers"],
    queryFn: () =>
      apiFetch<CatalogPage>(apiUrl("/api/orgs/{org}/prices", { params: { org: orgSlug }, query: { pageSize: 1 } })),
    staleTime: 5 * 60_000,
  });
  return q.data?.providers ?? [];
}
