import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../detection-params";
import { evaluateDetector } from "./evaluate-detector";
import { generateSeries } from "./generate-series";

// The published figures (docs/anomalies.md) come from this seed (seeds 1, 2 and 3 are published there
// too: there precision and recall reach 0.9 on seed 2 only; seed 1's recall is 0.89, seed 3's precision 0.89). What
// holds on seed 42 is asserted as a floor, and issue #11's goal (precision and recall ≥ 0.9 from 3x the
// noise, no episode on normal-only series), met on this seed since the day-level noise model.
describe("detector on the seeded evaluation set (seed 42)", () => {
  const series = generateSeries({ seed: 42 });
  const report = evaluateDetector(series);
  const detail = JSON.stringify(report);

  it("has the mix the evaluation promises", () => {
    expect(series.length).toBe(100);
    expect(series.filter((s) => s.shape === "sparse").length).toBeGreaterThan(5);
    expect(series.filter((s) => s.shape === "new").length).toBeGreaterThan(5);
    const kinds = new Set(series.flatMap((s) => s.anomalies.map((a) => a.kind)));
    expect([...kinds].sort()).toEqual(["drop", "level_shift", "ramp", "spike"]);
    expect(series.flatMap((s) => s.anomalies).every((a) => a.size >= 3)).toBe(true);
    expect(report.injected).toBe(105);
  });

  it("measured floors: recall ≥ 0.95 from 7x the noise and ≥ 0.7 from 3-5x, drops all found", () => {
    const big = report.recallBySize["7+"]!;
    expect(big.found / big.injected, detail).toBeGreaterThanOrEqual(0.95);
    const small = report.recallBySize["3-5"]!;
    expect(small.found / small.injected, detail).toBeGreaterThanOrEqual(0.7);
    expect(report.delaysByKind.drop, detail).toMatchObject({ injected: 22, found: 22 });
  });

  it("the median detection delay is at most one hour", () => {
    expect(report.medianDelayHours, detail).toBeLessThanOrEqual(1);
  });

  it("issue #11 goal: precision and recall ≥ 0.9 (measured 0.91 / 0.92)", () => {
    expect(report.precision, detail).toBeGreaterThanOrEqual(0.9);
    expect(report.recall, detail).toBeGreaterThanOrEqual(0.9);
  });

  it("issue #11 goal: no episode at all on the normal-only series (so none alert-worthy)", () => {
    expect(report.normalSeries).toBeGreaterThanOrEqual(40);
    expect(report.falseEpisodesOnNormalSeries, detail).toBe(0);
    expect(report.falseAlertsOnNormalSeries, detail).toBe(0);
  });
});

describe("evaluation scoring", () => {
  it("a detector that flags nothing has recall 0; one that flags everything has false episodes", () => {
    const series = generateSeries({ seed: 7, anomalous: 5, normal: 2, days: 56 });
    const none = evaluateDetector(series, { ...DEFAULT_PARAMS, zOpen: 1e9, zSustain: 1e9, drops: false });
    expect(none.recall).toBe(0);
    expect(none.detectedEpisodes).toBe(0);
    const all = evaluateDetector(series, {
      ...DEFAULT_PARAMS,
      zOpen: -1e9,
      zConfirm: -1e9,
      zExtend: -1e9,
      minImpactPico: -1n,
    });
    expect(all.falseEpisodesOnNormalSeries).toBeGreaterThan(0);
  });
});
