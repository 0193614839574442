import { apiUrl } from "@/lib/client/api-url";
import type { SpendParams } from "./types";

/** URL of the dashboard spend API for these parameters. */
export function spendUrl(orgSlug: string, p: SpendParams): string {
  return apiUrl("/api/orgs/{org}/spend", {
    params: { org: orgSlug },
    query: {
      from: p.from,
      to: p.to,
      granularity: p.granularity,
      groupBy: p.groupBy?.length ? p.groupBy.join(",") : undefined,
      ...p.filters,
    },
  });
}
