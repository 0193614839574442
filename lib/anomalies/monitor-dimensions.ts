/** What a monitor watches: the organisation total, or one value of one of these dimensions. */
export const MONITOR_DIMENSIONS = ["team", "feature", "model", "customer", "apiKey"] as const;
export type MonitorDimension = (typeof MONITOR_DIMENSIONS)[number];
export type MonitorKey = { dimension: "org" | MonitorDimension; value: string };

/** At most this many monitors per organisation: the total plus the top values by spend. */
export const MAX_MONITORS = 200;
/** At most this many values of one dimension. */
export const MAX_PER_DIMENSION = 50;
/** A value is watched only with at least this much spend over the last 28 days ($5). */
export const MIN_MONITOR_SPEND_PICO = 5_000_000_000_000n;

export const monitorLabel = (m: MonitorKey) =>
  m.dimension === "org" ? "organisation total" : `${m.dimension}=${m.value}`;
