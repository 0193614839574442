import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-fetch";
import { refreshPricing } from "./pricing-keys";
import type { OverrideCreated } from "./types";
import { apiUrl } from "@/lib/client/api-url";

/** POST price-overrides; on success refreshes the list, the catalog and the re-pricing progress. */
export function useCreateOverride(orgSlug: string, onCreated?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiFetch<OverrideCreated>(apiUrl("/api/orgs/{org}/price-overrides", { params: { org: orgSlug } }), {
        method: "POST",
        json: body,
      }),
    onSuccess: () => {
      refreshPricing(client, orgSlug);
      onCreated?.();
    },
  });
}

/** Optional text fields of a form, trimmed, without the empty ones. */
export function optionalFields(form: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = String(form.get(name) ?? "").trim();
    if (value) out[name] = value;
  }
  return out;
}
