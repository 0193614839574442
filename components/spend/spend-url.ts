import type { SpendParams } from "./types";

/** URL of the dashboard spend API for these parameters. */
export function spendUrl(orgSlug: string, p: SpendParams): string {
  const qs = new URLSearchParams({ from: p.from, to: p.to, granularity: p.granularity });
  if (p.groupBy?.length) qs.set("groupBy", p.groupBy.join(","));
  for (const [dim, value] of Object.entries(p.filters ?? {})) if (value !== undefined) qs.append(dim, value);
  return `/api/orgs/${orgSlug}/spend?${qs}`;
}
