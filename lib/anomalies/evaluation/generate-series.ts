import type { AnomalyKind } from "../detect-series";
import { HOUR_MS } from "../detect-series";
import { seededRandom } from "./seeded-random";

/** An anomaly the generator injected: hours [startT, endT), its kind and size in noise units. */
export type InjectedAnomaly = { startT: number; endT: number; kind: AnomalyKind; size: number };

export type GeneratedSeries = {
  key: string;
  shape: "regular" | "sparse" | "new";
  /** Hourly cost in pico-dollars from startT. */
  startT: number;
  values: bigint[];
  anomalies: InjectedAnomaly[];
};

export type GeneratorOptions = {
  seed: number;
  /** Series with injected anomalies, and series with only normal variation. */
  anomalous: number;
  normal: number;
  days: number;
  /** Smallest and largest injected size, in units of the local noise (standard deviation). */
  minSize: number;
  maxSize: number;
  /** Smallest hourly excess in USD of an injected anomaly (the detector's minimum impact is $1). */
  minExcessUsd: number;
};

export const DEFAULT_GENERATOR: GeneratorOptions = {
  seed: 42,
  anomalous: 60,
  normal: 40,
  days: 91,
  minSize: 3,
  maxSize: 10,
  minExcessUsd: 1.5,
};

const START = Date.UTC(2026, 6, 6); // a Monday
const KINDS: AnomalyKind[] = ["spike", "ramp", "level_shift", "drop"];

/**
 * Months of hourly LLM spend with weekly seasonality (business hours in the series' own time zone,
 * quieter weekends), a weekly trend, compound noise (Poisson request counts × a jittered cost per
 * request, times a day-to-day multiplicative wobble), sparse series (a few requests an hour, many
 * zero hours) and new series (starting weeks in), and anomalies of known kind and size injected
 * into some of them. The size of an anomaly is its hourly excess (or, for a drop, the spend lost)
 * divided by the local noise: the standard deviation of that hour's spend under the generator.
 */
export function generateSeries(opts: Partial<GeneratorOptions> = {}): GeneratedSeries[] {
  const o = { ...DEFAULT_GENERATOR, ...opts };
  const r = seededRandom(o.seed);
  const hours = o.days * 24;
  const out: GeneratedSeries[] = [];
  for (let s = 0; s < o.anomalous + o.normal; s++) {
    const anomalous = s < o.anomalous;
    const shape = r.next() < 0.2 ? "sparse" : r.next() < 0.2 ? "new" : "regular";
    const costPerRequest = shape === "sparse" ? r.logUniform(0.3, 3) : r.logUniform(0.002, 0.05);
    const baseUsd = shape === "sparse" ? costPerRequest * r.uniform(0.8, 3) : r.logUniform(3, 300);
    const tzShift = r.int(-8, 9);
    const weekend = r.uniform(0.25, 0.8);
    const night = r.uniform(0.15, 0.5);
    const trendPerWeek = r.uniform(-0.03, 0.06);
    const wobble = r.uniform(0.02, 0.1);
    const bornAt = shape === "new" ? r.int(20, 45) * 24 : 0;
    // Expected spend and its noise per hour, before anomalies.
    const mean: number[] = [];
    for (let h = 0; h < hours; h++) {
      const local = h + tzShift;
      const hod = ((local % 24) + 24) % 24;
      const dow = Math.floor((((local % 168) + 168) % 168) / 24); // 0 = Monday
      const busy = hod >= 9 && hod < 18 ? 1 : hod >= 7 && hod < 21 ? (1 + night) / 2 : night;
      const day = dow >= 5 ? weekend : 1;
      mean.push(h < bornAt ? 0 : baseUsd * busy * day * (1 + trendPerWeek) ** (h / 168));
    }
    const dayWobble = Array.from({ length: o.days }, () => 1 + wobble * r.normal());
    const sd = (h: number) => Math.sqrt(mean[h]! * costPerRequest * 1.04 + (wobble * mean[h]!) ** 2);
    const excess: number[] = new Array(hours).fill(0);
    const dropped: boolean[] = new Array(hours).fill(false);
    const anomalies: InjectedAnomaly[] = [];
    if (anomalous) {
      const count = r.int(1, 3);
      let cursor = Math.max(bornAt, 0) + 21 * 24;
      for (let a = 0; a < count; a++) {
        const start = cursor + r.int(24, 24 * 14);
        if (start + 24 * 4 >= hours) break;
        const kind = r.pick(KINDS);
        let size = r.uniform(o.minSize, o.maxSize);
        if (kind === "drop") {
          // A drop to zero in a stretch where the spend lost is at least minSize noise and the minimum excess.
          let st = start;
          while (st < hours - 48 && (mean[st]! / sd(st) < o.minSize || mean[st]! < o.minExcessUsd)) st++;
          if (st >= hours - 48) break;
          const len = r.int(3, 24);
          for (let h = st; h < st + len; h++) dropped[h] = true;
          anomalies.push({
            startT: START + st * HOUR_MS,
            endT: START + (st + len) * HOUR_MS,
            kind,
            size: mean[st]! / sd(st),
          });
          cursor = st + len + 24 * 7;
          continue;
        }
        const len = kind === "spike" ? r.int(1, 6) : kind === "ramp" ? r.int(6, 12) : r.int(24 * 3, 24 * 10);
        const end = Math.min(hours, start + len);
        // Scale the size up where needed so that every hour's excess reaches the minimum in USD.
        for (let h = start; h < end; h++) size = Math.max(size, o.minExcessUsd / sd(h));
        for (let h = start; h < end; h++) {
          const f = kind === "ramp" ? (h - start + 1) / (end - start) : 1;
          excess[h] = f * size * sd(h);
        }
        // A ramp's size is reached at its last hour; its earlier hours are smaller.
        anomalies.push({ startT: START + start * HOUR_MS, endT: START + end * HOUR_MS, kind, size });
        cursor = end + 24 * 7;
      }
    }
    const values: bigint[] = [];
    for (let h = 0; h < hours; h++) {
      if (mean[h] === 0 || dropped[h]) {
        values.push(0n);
        continue;
      }
      const m = mean[h]! * dayWobble[Math.floor(h / 24)]!;
      // Compound Poisson: requests × a cost per request jittered by ±20%.
      const requests = r.poisson(m / costPerRequest);
      const cost = requests * costPerRequest * (1 + (0.2 * r.normal()) / Math.sqrt(Math.max(requests, 1)));
      const usd = Math.max(0, cost + excess[h]!);
      values.push(BigInt(Math.round(usd * 1e6)) * 1_000_000n);
    }
    out.push({ key: `${anomalous ? "anomalous" : "normal"}-${s}-${shape}`, shape, startT: START, values, anomalies });
  }
  return out;
}
