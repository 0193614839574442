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
