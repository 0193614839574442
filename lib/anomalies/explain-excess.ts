import { divRoundHalfEven, formatPicoUsd } from "@/lib/money/pico";

export const BREAKDOWN_DIMENSIONS = ["team", "feature", "model", "customer"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** One rollup group, in the episode (`current`) or in the baseline weeks before it. */
export type UsageGroup = {
  current: boolean;
  dims: Record<BreakdownDimension, string>;
  costPico: bigint;
  requests: bigint;
  events: bigint;
  errorEvents: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  cachedInputTokens: bigint;
  cacheWriteTokens: bigint;
  reasoningTokens: bigint;
};

/**
 * Spend by one more dimension that only the cost is known for (apiKey, from api_key_spend), in the
 * episode (`current`) and the baseline; its groups sum to the same totals as the usage groups.
 */
export type CostOnlyBreakdown = {
  dimension: string;
  groups: { current: boolean; value: string; costPico: bigint }[];
};

export type Contributor = { dims: Record<string, string>; actual: string; expected: string; excess: string };
export type RootCause = {
  excess: string;
  contributors: Contributor[];
  byDimension: Record<string, Contributor[]>;
  split: {
    requests: string;
    tokensPerRequest: string;
    modelMix: string;
    cacheReadShare: string;
    other: string;
  } | null;
  measures: {
    requests: { expected: number; actual: number };
    tokensPerRequest: { expected: number | null; actual: number | null };
    cacheReadShare: { expected: number | null; actual: number | null };
    errorRate: { expected: number | null; actual: number | null };
  };
  flags: RootCauseFlag[];
};
export type RootCauseFlag =
  | { kind: "model_switch"; from: string | null; to: string; shareBefore: number; shareNow: number }
  | { kind: "cache_hit_fall"; before: number; now: number }
  | { kind: "tokens_per_request_growth"; before: number; now: number }
  | { kind: "errors_rising"; before: number; now: number }
  | { kind: "retries_rising"; before: number; now: number }
  | { kind: "new_customer" | "new_feature" | "new_end_user"; value: string; actual: string };

const PAIRS: [BreakdownDimension, BreakdownDimension][] = [
  ["feature", "model"],
  ["team", "feature"],
  ["team", "model"],
  ["customer", "feature"],
  ["customer", "model"],
];

const tokensOf = (g: UsageGroup) =>
  g.inputTokens + g.outputTokens + g.cachedInputTokens + g.cacheWriteTokens + g.reasoningTokens;
const sum = (gs: UsageGroup[], f: (g: UsageGroup) => bigint) => gs.reduce((a, g) => a + f(g), 0n);
const ratio = (a: bigint, b: bigint) => (b === 0n ? null : Number(a) / Number(b));
const round4 = (v: number | null) => (v === null ? null : Math.round(v * 1e4) / 1e4);
const toPico = (v: number) => BigInt(Math.round(v));

/**
 * Where the excess of an episode comes from. The expected spend of the episode (the detector's)
 * is spread over the other dimensions in the proportions of the baseline (the same hours of the
 * previous weeks), so each value's excess = its actual − its share of expected, exact in pico;
 * pairs of dimensions are ranked with the single ones by dollars. The price/volume split is a
 * chain decomposition of actual − expected: more requests, then more tokens per request, then a
 * costlier model mix (baseline price per token of each model, weighted by the episode's tokens),
 * then a lower cache-read share (tokens no longer read from cache × 75% of the model's baseline
 * price per token: an estimate, cache reads cost 10–50% of input); `other` is the rest, so the five
 * parts add up to the excess exactly. `costOnly` dimensions are ranked the same way (alone, no pairs).
 */
export function explainExcess(
  groups: UsageGroup[],
  expectedPico: bigint,
  exclude: string[] = [],
  extraFlags: RootCauseFlag[] = [],
  costOnly: CostOnlyBreakdown[] = [],
): RootCause {
  const cur = groups.filter((g) => g.current);
  const base = groups.filter((g) => !g.current);
  const actualPico = sum(cur, (g) => g.costPico);
  const basePico = sum(base, (g) => g.costPico);
  const share = (b: bigint) => (basePico === 0n ? 0n : divRoundHalfEven(expectedPico * b, basePico));
  const rank = (dims: BreakdownDimension[]) => {
    const m = new Map<string, { dims: Record<string, string>; a: bigint; b: bigint }>();
    for (const g of groups) {
      const d = Object.fromEntries(dims.map((k) => [k, g.dims[k]]));
      const k = JSON.stringify(d);
      const e = m.get(k) ?? { dims: d, a: 0n, b: 0n };
      if (g.current) e.a += g.costPico;
      else e.b += g.costPico;
      m.set(k, e);
    }
    return [...m.values()]
      .map((e) => ({ dims: e.dims, a: e.a, x: share(e.b), excess: e.a - share(e.b) }))
      .sort((p, q) => (q.excess > p.excess ? 1 : q.excess < p.excess ? -1 : 0));
  };
  const view = (e: { dims: Record<string, string>; a: bigint; x: bigint; excess: bigint }): Contributor => ({
    dims: e.dims,
    actual: formatPicoUsd(e.a),
    expected: formatPicoUsd(e.x),
    excess: formatPicoUsd(e.excess),
  });
  const dims = BREAKDOWN_DIMENSIONS.filter((d) => !exclude.includes(d));
  const byDimension: Record<string, Contributor[]> = {};
  const all: ReturnType<typeof rank> = [];
  for (const d of dims) {
    const r = rank([d]);
    byDimension[d] = r.slice(0, 8).map(view);
    all.push(...r.slice(0, 5));
  }
  for (const [a, b] of PAIRS) if (dims.includes(a) && dims.includes(b)) all.push(...rank([a, b]).slice(0, 5));
  for (const { dimension, groups: byValue } of costOnly) {
    const m = new Map<string, { a: bigint; b: bigint }>();
    for (const g of byValue) {
      const e = m.get(g.value) ?? { a: 0n, b: 0n };
      if (g.current) e.a += g.costPico;
      else e.b += g.costPico;
      m.set(g.value, e);
    }
    const r = [...m]
      .map(([value, e]) => ({ dims: { [dimension]: value }, a: e.a, x: share(e.b), excess: e.a - share(e.b) }))
      .sort((p, q) => (q.excess > p.excess ? 1 : q.excess < p.excess ? -1 : 0));
    byDimension[dimension] = r.slice(0, 8).map(view);
    all.push(...r.slice(0, 5));
  }
  const contributors = all
    .filter((e) => e.excess > 0n && Object.values(e.dims).every((v) => v !== ""))
    .sort((p, q) =>
      q.excess > p.excess ? 1 : q.excess < p.excess ? -1 : Object.keys(q.dims).length - Object.keys(p.dims).length,
    )
    .slice(0, 10)
    .map(view);

  // Price/volume split.
  const excess = actualPico - expectedPico;
  const f = basePico === 0n ? 0 : Number(expectedPico) / Number(basePico);
  const R0 = f * Number(sum(base, (g) => g.requests));
  const T0 = f * Number(sum(base, tokensOf));
  const R1 = Number(sum(cur, (g) => g.requests));
  const T1 = Number(sum(cur, tokensOf));
  const C0 = Number(expectedPico);
  const C1 = Number(actualPico);
  let split: RootCause["split"] = null;
  if (R0 > 0 && T0 > 0 && R1 > 0 && T1 > 0) {
    const volume = C0 * (R1 / R0 - 1);
    const perRequest = C0 * (T1 / T0 - R1 / R0);
    const P0 = C0 / T0;
    const byModel = (gs: UsageGroup[]) => {
      const m = new Map<string, { c: number; t: number; inp: number; cached: number }>();
      for (const g of gs) {
        const e = m.get(g.dims.model) ?? { c: 0, t: 0, inp: 0, cached: 0 };
        e.c += Number(g.costPico);
        e.t += Number(tokensOf(g));
        e.inp += Number(g.inputTokens + g.cachedInputTokens);
        e.cached += Number(g.cachedInputTokens);
        m.set(g.dims.model, e);
      }
      return m;
    };
    const m0 = byModel(base);
    const m1 = byModel(cur);
    let pMix = 0;
    let cache = 0;
    for (const [model, e1] of m1) {
      const e0 = m0.get(model);
      const p0m = e0 && e0.t > 0 ? e0.c / e0.t : e1.t > 0 ? e1.c / e1.t : P0;
      pMix += (e1.t / T1) * p0m;
      if (e0 && e0.inp > 0 && e1.inp > 0) cache += e1.inp * (e0.cached / e0.inp - e1.cached / e1.inp) * 0.75 * p0m;
    }
    const mix = T1 * (pMix - P0);
    const parts = [volume, perRequest, mix, cache].map(toPico);
    const other = excess - parts.reduce((a, b) => a + b, 0n);
    split = {
      requests: formatPicoUsd(parts[0]!),
      tokensPerRequest: formatPicoUsd(parts[1]!),
      modelMix: formatPicoUsd(parts[2]!),
      cacheReadShare: formatPicoUsd(parts[3]!),
      other: formatPicoUsd(other),
    };
    void C1;
  }

  // Flags.
  const flags: RootCauseFlag[] = [];
  const costByModel = (gs: UsageGroup[]) => {
    const m = new Map<string, bigint>();
    for (const g of gs) m.set(g.dims.model, (m.get(g.dims.model) ?? 0n) + g.costPico);
    return m;
  };
  const cm0 = costByModel(base);
  const cm1 = costByModel(cur);
  const top0 = [...cm0.entries()].sort((a, b) => (b[1] > a[1] ? 1 : -1))[0]?.[0] ?? null;
  for (const [model, c1] of cm1) {
    const s1 = ratio(c1, actualPico) ?? 0;
    const s0 = ratio(cm0.get(model) ?? 0n, basePico) ?? 0;
    if (s1 - s0 >= 0.2)
      flags.push({
        kind: "model_switch",
        from: top0 === model ? null : top0,
        to: model,
        shareBefore: round4(s0)!,
        shareNow: round4(s1)!,
      });
  }
  const cacheShare = (gs: UsageGroup[]) =>
    ratio(
      sum(gs, (g) => g.cachedInputTokens),
      sum(gs, (g) => g.inputTokens + g.cachedInputTokens),
    );
  const h0 = cacheShare(base);
  const h1 = cacheShare(cur);
  if (h0 !== null && h1 !== null && h0 >= 0.05 && h0 - h1 >= 0.1)
    flags.push({ kind: "cache_hit_fall", before: round4(h0)!, now: round4(h1)! });
  const tpr0 = R0 > 0 ? T0 / R0 : null;
  const tpr1 = R1 > 0 ? T1 / R1 : null;
  if (tpr0 && tpr1 && tpr1 / tpr0 >= 1.25)
    flags.push({ kind: "tokens_per_request_growth", before: Math.round(tpr0), now: Math.round(tpr1) });
  const err = (gs: UsageGroup[]) =>
    ratio(
      sum(gs, (g) => g.errorEvents),
      sum(gs, (g) => g.events),
    );
  const e0 = err(base);
  const e1 = err(cur);
  if (e1 !== null && e1 >= 0.02 && (e0 === null || e1 >= 2 * e0))
    flags.push({ kind: "errors_rising", before: round4(e0 ?? 0)!, now: round4(e1)! });
  const minNew = excess > 0n ? excess / 20n : 1n;
  for (const [d, kind] of [
    ["customer", "new_customer"],
    ["feature", "new_feature"],
  ] as const) {
    if (exclude.includes(d)) continue;
    for (const e of rank([d]))
      if (e.x === 0n && e.a >= minNew && e.a > 0n && e.dims[d] !== "" && !base.some((g) => g.dims[d] === e.dims[d]))
        flags.push({ kind, value: e.dims[d]!, actual: formatPicoUsd(e.a) });
  }
  flags.push(...extraFlags);
  return {
    excess: formatPicoUsd(excess),
    contributors,
    byDimension,
    split,
    measures: {
      requests: { expected: Math.round(R0), actual: R1 },
      tokensPerRequest: {
        expected: tpr0 === null ? null : Math.round(tpr0),
        actual: tpr1 === null ? null : Math.round(tpr1),
      },
      cacheReadShare: { expected: round4(h0), actual: round4(h1) },
      errorRate: { expected: round4(e0), actual: round4(e1) },
    },
    flags,
  };
}
