/**
 * The attribution dimensions of usage, declared once. Every rolled-up dimension is a column of
 * usage_events, rollup_deltas, spend_rollups and spend_rollups_daily (missing values stored as ""
 * in the rollups), a groupBy/filter of the spend query and a column of the dashboard. The order
 * is the rollup key order.
 */
export const DIMENSION_DEFS = {
  team: { label: "Team" },
  feature: { label: "Feature" },
  provider: { label: "Provider" },
  model: { label: "Model" },
  customer: { label: "Customer" },
  environment: { label: "Environment" },
  serviceTier: { label: "Service tier" },
} as const satisfies Record<string, { label: string }>;

export type Dimension = keyof typeof DIMENSION_DEFS;
export const DIMENSIONS = Object.keys(DIMENSION_DEFS) as readonly Dimension[] as readonly [Dimension, ...Dimension[]];

/**
 * Attribution kept on each event but not rolled up (too many distinct values for a bucket key):
 * the end user, counted distinct from the events (count-active-end-users).
 */
export const EVENT_ONLY_DIMENSIONS = ["endUser"] as const;
export type EventOnlyDimension = (typeof EVENT_ONLY_DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = Object.fromEntries(
  DIMENSIONS.map((d) => [d, DIMENSION_DEFS[d].label]),
) as Record<Dimension, string>;

export const isDimension = (v: string | null | undefined): v is Dimension => !!v && Object.hasOwn(DIMENSION_DEFS, v);
