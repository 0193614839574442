import { formatPicoUsd } from "@/lib/money/pico";
import { detectSeries } from "./detect-series";
import { DEFAULT_PARAMS, type DetectionParams } from "./detection-params";
import { type SeriesInputJson, toHourly } from "./hourly-series";

export type CliAnomaly = {
  key: string;
  t: string;
  kind: string;
  expected: string;
  actual: string;
  impact: string;
  score: number;
};

/**
 * What `npm run detect` prints for its input: one entry per flagged hour, each hour judged from
 * itself and the hours before it (the detector never looks ahead), amounts as exact decimals.
 */
export function detectAll(
  input: SeriesInputJson,
  params: DetectionParams = DEFAULT_PARAMS,
): { anomalies: CliAnomaly[] } {
  const anomalies: CliAnomaly[] = [];
  for (const s of input.series) {
    const { startT, values } = toHourly(s.points);
    for (const h of detectSeries({ startT, values }, params)) {
      if (!h.flag || h.expectedPico === null) continue;
      anomalies.push({
        key: s.key,
        t: new Date(h.t).toISOString(),
        kind: h.flag,
        expected: formatPicoUsd(h.expectedPico),
        actual: formatPicoUsd(h.actualPico),
        impact: formatPicoUsd(h.actualPico - h.expectedPico),
        score: h.score,
      });
    }
  }
  return { anomalies };
}
