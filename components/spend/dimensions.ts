import { DIMENSION_LABELS, DIMENSIONS, type Dimension, isDimension } from "@/lib/usage";

export { DIMENSION_LABELS, DIMENSIONS, isDimension };

/** Dimensions with a page of their own (/{org}/dimensions/{dimension}/{value}). */
export const PAGE_DIMENSIONS = ["team", "feature", "model", "customer"] as const;
export type PageDimension = (typeof PAGE_DIMENSIONS)[number];

export const isPageDimension = (v: string | null | undefined): v is PageDimension =>
  !!v && (PAGE_DIMENSIONS as readonly string[]).includes(v);

/** The API's "" (unattributed) reads "(none)", which the API also accepts as a filter value. */
export const NONE = "(none)";
export const displayValue = (v: string | undefined): string => (v ? v : NONE);

/** Link to a dimension value's page, or null for dimensions without one. */
export function dimensionHref(orgSlug: string, dimension: Dimension, value: string | undefined): string | null {
  if (!isPageDimension(dimension)) return null;
  return `/${orgSlug}/dimensions/${dimension}/${encodeURIComponent(displayValue(value))}`;
}

/**
 * Link to Explore filtered to some values (`{ team: "search" }`, "(none)" for unattributed), over a custom
 * range of inclusive UTC days when given, else Explore's default; grouped by `groupBy` when given.
 */
export function exploreHref(
  orgSlug: string,
  {
    filters,
    from,
    to,
    groupBy,
  }: { filters: Partial<Record<Dimension, string>>; from?: string; to?: string; groupBy?: Dimension },
): string {
  const sp = new URLSearchParams();
  if (from && to) {
    sp.set("range", "custom");
    sp.set("from", from);
    sp.set("to", to);
  }
  if (groupBy) sp.set("groupBy", groupBy);
  for (const [d, v] of Object.entries(filters)) if (v !== undefined) sp.set(d, v);
  return `/${orgSlug}/explore?${sp}`;
}
