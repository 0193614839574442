import { PICO_PER_USD } from "@/lib/money/pico";

/**
 * The parameters of the detector (docs/anomalies.md explains each). Thresholds are in units of
 * the series' local noise (a robust standard deviation of one-step-ahead residuals).
 */
export type DetectionParams = {
  /** Same-hour-of-week values the seasonal median is taken over (weeks back). */
  weeks: number;
  /** Hours of level (trend) adjustment: the median ratio of actual to seasonal over this window. */
  levelHours: number;
  /** Level factor bounds: a fall of more than half is not followed (drops to zero stay visible). */
  levelMin: number;
  levelMax: number;
  /** Hours of residuals the noise scale is estimated from. */
  scaleHours: number;
  /** No alert before this many hours since the series' first non-zero hour. */
  minHistoryHours: number;
  /** One hour this many noise units above expected opens an episode. */
  zOpen: number;
  /** ... and is at least this many noise units above the slow expected (without today's level): an hour
   * that is usual for its hour of the week does not open an episode, even on a quiet day. */
  zConfirm: number;
  /** Three hours above expected whose standardized sum is this many of its own spreads open one (ramps, level shifts). */
  zSustain: number;
  /** An open episode extends while an hour stays this far above expected. */
  zExtend: number;
  /** Drops: actual at most this fraction of expected, at least zDrop noise units below it. */
  dropFraction: number;
  zDrop: number;
  /** Whether drops to zero are reported at all. */
  drops: boolean;
  /** The excess (or shortfall) of an hour must reach this many pico-dollars (default $1). */
  minImpactPico: bigint;
  /** Multiplies every z threshold: feedback raises it after false alarms (1 = default). */
  thresholdScale: number;
};

export const DEFAULT_PARAMS: DetectionParams = {
  weeks: 5,
  levelHours: 168,
  levelMin: 0.5,
  levelMax: 20,
  scaleHours: 336,
  minHistoryHours: 336,
  zOpen: 5.5,
  zSustain: 4.5,
  zConfirm: 1,
  zExtend: 3,
  dropFraction: 0.1,
  zDrop: 4,
  drops: true,
  minImpactPico: PICO_PER_USD,
  thresholdScale: 1,
};

/** Hours of history the detector reads before the first hour it evaluates, for exact results. */
export const lookbackHours = (p: DetectionParams = DEFAULT_PARAMS) => p.weeks * 168 + p.scaleHours + p.levelHours;
