import { describe, expect, it } from "vitest";
import { detectSeries, episodesOf, HOUR_MS } from "./detect-series";
import { DEFAULT_PARAMS } from "./detection-params";
import { seededRandom } from "./evaluation/seeded-random";

const T0 = Date.UTC(2026, 8, 7); // a Monday
const PICO = 1_000_000_000_000n;
/** A week that repeats exactly: $10 by night, $40 in business hours, plus a fixed wiggle of cents. */
const weekly = (i: number) => {
  const h = i % 168;
  const hod = h % 24;
  const cents = 1000n + (hod >= 9 && hod < 18 ? 3000n : 0n) + BigInt((h * 37) % 50);
  return (cents * PICO) / 100n;
};
const series = (weeks: number, edit: (i: number, v: bigint) => bigint = (_i, v) => v) =>
  Array.from({ length: weeks * 168 }, (_, i) => edit(i, weekly(i)));

describe("detectSeries", () => {
  it("a week-on-week repeating series has no anomaly, and expected equals the repeated value", () => {
    const values = series(6);
    const hours = detectSeries({ startT: T0, values });
    expect(hours.filter((h) => h.flag)).toEqual([]);
    // From the third week the seasonal median and the level (ratio 1) give the value itself.
    for (const i of [400, 555, 1000]) expect(hours[i]!.expectedPico).toBe(values[i]);
  });

  it("flags a spike at its hour with expected, actual and impact, and resolves the hour after", () => {
    const spikeAt = 4 * 168 + 14; // Friday 14:00 of week 5
    const values = series(6, (i, v) => (i === spikeAt ? v + 25n * PICO : v));
    const hours = detectSeries({ startT: T0, values });
    const flagged = hours.filter((h) => h.flag);
    expect(flagged.map((h) => h.t)).toEqual([T0 + spikeAt * HOUR_MS]);
    expect(flagged[0]!.flag).toBe("spike");
    expect(flagged[0]!.expectedPico).toBe(weekly(spikeAt));
    const [ep] = episodesOf(hours);
    expect(ep).toMatchObject({
      startT: T0 + spikeAt * HOUR_MS,
      lastT: T0 + spikeAt * HOUR_MS,
      hours: 1,
      ongoing: false,
    });
    expect(ep!.impactPico).toBe(25n * PICO);
  });

  it("consecutive anomalous hours make one episode", () => {
    const at = 4 * 168 + 10;
    const values = series(6, (i, v) => (i >= at && i < at + 3 ? v + 20n * PICO : v));
    const eps = episodesOf(detectSeries({ startT: T0, values }));
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ startT: T0 + at * HOUR_MS, lastT: T0 + (at + 2) * HOUR_MS, hours: 3 });
    expect(eps[0]!.impactPico).toBe(60n * PICO);
  });

  it("ignores an excess under the minimum impact ($1/h by default, per organisation)", () => {
    const at = 4 * 168 + 12;
    const spike = series(6, (i, v) => (i === at ? v + 3n * PICO : v));
    expect(detectSeries({ startT: T0, values: spike }).filter((h) => h.flag)).toHaveLength(1);
    const raised = detectSeries({ startT: T0, values: spike }, { ...DEFAULT_PARAMS, minImpactPico: 5n * PICO });
    expect(raised.some((h) => h.flag)).toBe(false);
  });

  it("does not alert before 14 days of history", () => {
    const at = 13 * 24 + 12; // day 14 of the series: not yet 336 hours of history
    const values = series(3, (i, v) => (i === at ? v + 100n * PICO : v));
    expect(detectSeries({ startT: T0, values })[at]!.flag).toBeNull();
    const later = series(3, (i, v) => (i === 15 * 24 + 12 ? v + 100n * PICO : v));
    expect(detectSeries({ startT: T0, values: later })[15 * 24 + 12]!.flag).toBe("spike");
  });

  it("a new series counts its history from its first spend", () => {
    const values = [...Array.from({ length: 500 }, () => 0n), ...series(2)];
    const at = 500 + 300; // 300 hours after its first spend
    values[at] = values[at]! + 100n * PICO;
    expect(detectSeries({ startT: T0, values })[at]!.flag).toBeNull();
  });

  it("a drop to zero is its own kind, lasts while spend stays at zero, and can be turned off", () => {
    const at = 4 * 168 + 9;
    const values = series(6, (i, v) => (i >= at && i < at + 30 ? 0n : v));
    const hours = detectSeries({ startT: T0, values });
    const eps = episodesOf(hours);
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ kind: "drop", startT: T0 + at * HOUR_MS, lastT: T0 + (at + 29) * HOUR_MS });
    let lost = 0n;
    for (let i = at; i < at + 30; i++) lost += weekly(i);
    expect(eps[0]!.impactPico).toBe(-lost);
    expect(detectSeries({ startT: T0, values }, { ...DEFAULT_PARAMS, drops: false }).some((h) => h.flag)).toBe(false);
  });

  it("an unfinished current hour is never a drop and does not end the episode before it", () => {
    const at = 4 * 168 + 11;
    const values = series(6, (i, v) => (i === at ? v + 30n * PICO : v)).slice(0, at + 2);
    values[at + 1] = 0n; // the current hour has no spend yet
    const hours = detectSeries({ startT: T0, values, lastIsPartial: true });
    expect(hours[at + 1]!.flag).toBeNull();
    const eps = episodesOf(hours, true);
    expect(eps).toHaveLength(1);
    expect(eps[0]!.ongoing).toBe(true);
    expect(episodesOf(hours, false)[0]!.ongoing).toBe(false);
  });

  it("the current hour's expected counts pro rata of the hour elapsed in the episode's impact (not in detection)", () => {
    const at = 4 * 168 + 11;
    const values = series(6, (i, v) => (i === at ? v + 30n * PICO : v)).slice(0, at + 1);
    const whole = detectSeries({ startT: T0, values, lastIsPartial: true });
    const quarter = detectSeries({ startT: T0, values, lastIsPartial: true, partialElapsed: 0.25 });
    expect(quarter.map((h) => h.flag)).toEqual(whole.map((h) => h.flag));
    expect(quarter[at]!.expectedPico).toBe(weekly(at)); // the band is the whole hour's
    const [ep] = episodesOf(quarter, true);
    // Spend so far ($30 over the usual hour, all in already) against a quarter of the usual hour.
    expect(ep!.expectedPico).toBe(weekly(at) / 4n);
    expect(ep!.impactPico).toBe(30n * PICO + weekly(at) - weekly(at) / 4n);
    expect(episodesOf(whole, true)[0]!.impactPico).toBe(30n * PICO);
  });

  it("judges each hour from itself and the hours before it only", () => {
    const values = series(6, (i, v) => (i % 97 === 0 ? v + 30n * PICO : i % 151 === 0 ? 0n : v));
    const full = detectSeries({ startT: T0, values });
    for (const cut of [700, 850, 1001]) {
      const prefix = detectSeries({ startT: T0, values: values.slice(0, cut) });
      expect(prefix.map((h) => h.flag)).toEqual(full.slice(0, cut).map((h) => h.flag));
      expect(prefix.map((h) => h.expectedPico)).toEqual(full.slice(0, cut).map((h) => h.expectedPico));
    }
  });

  it("a feedback threshold scale of 2 needs a twice larger deviation", () => {
    // Noise: a series whose weeks differ, so that the band has a width.
    const noisy = series(6, (i, v) => v + ((BigInt((i * 7919) % 13) - 6n) * PICO) / 10n);
    const at = 4 * 168 + 13;
    const withSpike = (usd: bigint) => noisy.map((v, i) => (i === at ? v + usd * PICO : v));
    const z = detectSeries({ startT: T0, values: withSpike(0n) })[at]!;
    expect(z.flag).toBeNull();
    const hours = detectSeries({ startT: T0, values: withSpike(20n) });
    expect(hours[at]!.flag).toBe("spike");
    const score = hours[at]!.score;
    expect(score).toBeGreaterThan(5);
    // The same spike against a scale just above score/5 is not flagged.
    expect(
      detectSeries({ startT: T0, values: withSpike(20n) }, { ...DEFAULT_PARAMS, thresholdScale: score / 5 + 0.1 })[at]!
        .flag,
    ).toBeNull();
  });

  it("a busy day (high from its first hour) is followed; the same excess arising within a day is flagged", () => {
    // Each UTC day runs at 1 + 5% × N(0, 1) of the usual week, each hour ± 0.5% around its day.
    const r = seededRandom(3);
    const day = Array.from({ length: 42 }, () => 1 + 0.05 * r.normal());
    const busy = 4 * 7 + 2; // Wednesday of week 5: the whole day 20% up (4 of its day-to-day spreads)
    const within = 4 * 7 + 3; // Thursday: 20% up from 14:00 for 3 hours
    const values = series(6, (i, v) => {
      const d = Math.floor(i / 24);
      const up = d === busy || (d === within && i % 24 >= 14 && i % 24 < 17) ? 1.2 : 1;
      const f = day[d]! * (1 + 0.005 * r.normal()) * up;
      return BigInt(Math.round(Number(v) * f));
    });
    const hours = detectSeries({ startT: T0, values });
    expect(hours.slice(busy * 24, busy * 24 + 24).filter((h) => h.flag)).toEqual([]);
    const flagged = hours.slice(within * 24, within * 24 + 24).filter((h) => h.flag);
    expect(flagged[0]?.t).toBe(T0 + (within * 24 + 14) * HOUR_MS);
    expect(flagged.every((h) => h.t < T0 + (within * 24 + 17) * HOUR_MS)).toBe(true);
  });
});
