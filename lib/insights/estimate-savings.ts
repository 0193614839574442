import { divRoundHalfEven, formatPicoUsd, multiplyDecimal } from "@/lib/money/pico";
import { effectivePrices } from "@/lib/pricing/compute-cost";
import type { ModelPrice, PriceSet, ServiceTier } from "@/lib/pricing/price-types";
import { smallerSiblings } from "./smaller-sibling";
import type { UsageGroup, WasteGroup } from "./usage-profile";

export const INSIGHT_KINDS = [
  "prompt_caching",
  "batch_tier",
  "cheaper_model",
  "retry_waste",
  "conversation_depth",
] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

/** One change and what it would save per month (the window is the last 30 days), as a range in pico-USD. */
export type Insight = {
  kind: InsightKind;
  title: string;
  /** True when the saving depends on something the data cannot show (another model's quality). */
  estimate: boolean;
  lowPico: bigint;
  highPico: bigint;
  assumption: string;
  evidence: string[];
  features: string[];
  models: string[];
};

/** The thresholds and shares of the estimates (percent as integers, so that the arithmetic stays exact). */
export const RULES = {
  caching: { minPromptPerRequest: 1024n, maxCachedPercent: 20n, lowPercent: 30n, highPercent: 60n, writesPerRead: 10n },
  batch: { markedPercent: 50n, slowMs: 30_000, markedLow: 80n, slowLow: 50n, high: 100n },
  cheaper: { maxOutputPerRequest: 400n, lowPercent: 50n, highPercent: 100n },
  waste: { lowPercent: 50n, highPercent: 100n },
  depth: { minRequests: 20n, minGrowthPercent: 25n },
};

export type PriceOf = (provider: string, model: string) => ModelPrice | null;

const usd = (pico: bigint) => `$${formatPicoUsd(pico)}`;
const perMillion = (picoPerToken: bigint) => `$${formatPicoUsd(picoPerToken * 1_000_000n)}/M`;
const n = (v: bigint) => v.toLocaleString("en-US");
const pct = (part: bigint, whole: bigint) => (whole === 0n ? "0.0" : (Number((part * 1000n) / whole) / 10).toFixed(1));
const label = (feature: string) => feature || "(no feature)";

type Tokens = { input: bigint; cached: bigint; cacheWrite: bigint; output: bigint; reasoning: bigint };
const tokensOf = (g: UsageGroup): Tokens => ({
  input: g.inputTokens,
  cached: g.cachedInputTokens,
  cacheWrite: g.cacheWriteTokens,
  output: g.outputTokens,
  reasoning: g.reasoningTokens,
});

/**
 * The price set (long-context tier chosen by the average request, as each request of the group is
 * assumed to look like it) and tier multiplier of a group's usage.
 */
function pricesFor(price: ModelPrice, g: UsageGroup, tier: ServiceTier): { p: PriceSet; multiplier: string | null } {
  const r = g.requests > 0n ? g.requests : 1n;
  const avg = (v: bigint) => Number(v / r);
  const { prices, multiplier } = effectivePrices(price, {
    inputTokens: avg(g.inputTokens),
    outputTokens: avg(g.outputTokens),
    cachedInputTokens: avg(g.cachedInputTokens),
    cacheWriteTokens: avg(g.cacheWriteTokens),
    cacheTtl: "5m",
    reasoningTokens: avg(g.reasoningTokens),
    requests: 1,
    images: 0,
    audioSeconds: 0,
    serviceTier: tier,
  });
  return { p: prices, multiplier };
}

/** Token cost in pico-USD of `t` at a price set (cache and reasoning prices falling back as computeCost does). */
function tokenCost(t: Tokens, { p, multiplier }: { p: PriceSet; multiplier: string | null }): bigint {
  const cost =
    t.input * p.input +
    t.output * p.output +
    t.cached * (p.cachedInput ?? p.input) +
    t.cacheWrite * (p.cacheWrite5m ?? p.input) +
    t.reasoning * (p.reasoning ?? p.output);
  return multiplier ? multiplyDecimal(cost, multiplier) : cost;
}

const tierOf = (g: UsageGroup): ServiceTier =>
  (["standard", "batch", "flex", "priority"] as const).find((t) => t === g.serviceTier) ?? "standard";

function promptCaching(g: UsageGroup, price: ModelPrice): Insight | null {
  const R = RULES.caching;
  const at = pricesFor(price, g, tierOf(g));
  const { p } = at;
  if (p.cachedInput === undefined || p.cachedInput >= p.input || g.requests === 0n) return null;
  const prompt = g.inputTokens + g.cachedInputTokens + g.cacheWriteTokens;
  if (prompt / g.requests < R.minPromptPerRequest) return null;
  if (g.cachedInputTokens * 100n >= prompt * R.maxCachedPercent) return null;
  const base = tokenCost(tokensOf(g), at);
  const written = p.cacheWrite5m !== undefined;
  const saving = (percent: bigint) => {
    const moved = (g.inputTokens * percent) / 100n;
    const writes = written ? moved / R.writesPerRead : 0n;
    return (
      base -
      tokenCost(
        {
          ...tokensOf(g),
          input: g.inputTokens - moved,
          cached: g.cachedInputTokens + moved - writes,
          cacheWrite: g.cacheWriteTokens + writes,
        },
        at,
      )
    );
  };
  const [low, high] = [saving(R.lowPercent), saving(R.highPercent)];
  if (high <= 0n) return null;
  return {
    kind: "prompt_caching",
    title: `Cache the repeated prompt prefix of ${label(g.feature)} on ${g.model}`,
    estimate: false,
    lowPico: low,
    highPico: high,
    assumption: `Between ${R.lowPercent}% and ${R.highPercent}% of the uncached input tokens are a prefix repeated across requests (system prompt, tools, documents) that could be read from the prompt cache${written ? `; one in ${R.writesPerRead} of them is written to the cache at the cache-write price` : ""}. Burnrate does not see the prompts themselves.`,
    evidence: [
      `${n(prompt / g.requests)} prompt tokens per request over ${n(g.requests)} requests`,
      `${pct(g.cachedInputTokens, prompt)}% of prompt tokens read from the cache`,
      `cache reads cost ${perMillion(p.cachedInput)} instead of ${perMillion(p.input)}${written ? `; cache writes ${perMillion(p.cacheWrite5m!)}` : ""}`,
    ],
    features: [g.feature],
    models: [g.model],
  };
}

function batchTier(g: UsageGroup, price: ModelPrice, nonInteractive: ReadonlySet<string>): Insight | null {
  const R = RULES.batch;
  if (tierOf(g) !== "standard" || g.events === 0n) return null;
  const tier: ServiceTier | undefined = price.serviceTiers.batch
    ? "batch"
    : price.serviceTiers.flex
      ? "flex"
      : undefined;
  if (!tier) return null;
  const listed = nonInteractive.has(g.feature);
  const marked = listed || g.markedNonInteractive * 100n >= g.events * R.markedPercent;
  const slow = g.latencyP50 !== null && g.latencyP50 >= R.slowMs;
  if (!marked && !slow) return null;
  const now = tokenCost(tokensOf(g), pricesFor(price, g, "standard"));
  const then = tokenCost(tokensOf(g), pricesFor(price, g, tier));
  const full = now - then;
  if (full <= 0n) return null;
  const lowPercent = marked ? R.markedLow : R.slowLow;
  return {
    kind: "batch_tier",
    title: `Run ${label(g.feature)} on the ${tier} tier of ${g.model}`,
    estimate: false,
    lowPico: (full * lowPercent) / 100n,
    highPico: (full * R.high) / 100n,
    assumption: `${marked ? "The organisation marked these calls as not interactive" : "Calls this slow are rarely waited for by a person"}: between ${lowPercent}% and ${R.high}% of them can wait for the ${tier} tier (results within hours, not seconds), priced as the catalog states.`,
    evidence: [
      listed
        ? `${label(g.feature)} is marked as not interactive in the organisation's insight settings`
        : marked
          ? `${n(g.markedNonInteractive)} of ${n(g.events)} events tagged interactive=false`
          : `median latency ${(g.latencyP50! / 1000).toFixed(1)} s`,
      `standard-tier spend of ${usd(now)} would be ${usd(then)} on the ${tier} tier`,
    ],
    features: [g.feature],
    models: [g.model],
  };
}

function cheaperModel(g: UsageGroup, price: ModelPrice, priceOf: PriceOf): Insight | null {
  const R = RULES.cheaper;
  if (g.requests === 0n || (g.outputTokens + g.reasoningTokens) / g.requests > R.maxOutputPerRequest) return null;
  const tier = tierOf(g);
  const now = tokenCost(tokensOf(g), pricesFor(price, g, tier));
  for (const sibling of smallerSiblings(g.model)) {
    const other = priceOf(g.provider, sibling);
    if (!other || other.provider !== price.provider || other.model !== sibling) continue;
    const then = tokenCost(tokensOf(g), pricesFor(other, g, tier));
    const full = now - then;
    if (full <= 0n) continue;
    return {
      kind: "cheaper_model",
      title: `Try ${other.model} instead of ${g.model} for ${label(g.feature)}`,
      estimate: true,
      lowPico: (full * R.lowPercent) / 100n,
      highPico: (full * R.highPercent) / 100n,
      assumption: `An estimate: the outputs are short, so a smaller model of the same provider may do; between ${R.lowPercent}% and ${R.highPercent}% of the calls move once its answers are checked against yours. Burnrate cannot judge the quality.`,
      evidence: [
        `${n((g.outputTokens + g.reasoningTokens) / g.requests)} output tokens per request over ${n(g.requests)} requests`,
        `${usd(now)} on ${g.model} would be ${usd(then)} on ${other.model} (${perMillion(pricesFor(other, g, tier).p.input)} input instead of ${perMillion(pricesFor(price, g, tier).p.input)})`,
      ],
      features: [g.feature],
      models: [g.model, other.model],
    };
  }
  return null;
}

function retryWaste(w: WasteGroup): Insight | null {
  const R = RULES.waste;
  if (w.costPico <= 0n) return null;
  return {
    kind: "retry_waste",
    title: `Cut failed and retried calls of ${label(w.feature)} on ${w.model}`,
    estimate: false,
    lowPico: (w.costPico * R.lowPercent) / 100n,
    highPico: (w.costPico * R.highPercent) / 100n,
    assumption: `This is what failed calls and repeated attempts (the same requestId) cost; better timeouts, validation and retry policies avoid between ${R.lowPercent}% and ${R.highPercent}% of it.`,
    evidence: [
      `${n(w.errorEvents)} calls with status error, ${n(w.retriedEvents)} attempts repeated by a later call of the same requestId`,
      `they cost ${usd(w.costPico)}`,
    ],
    features: [w.feature],
    models: [w.model],
  };
}

function conversationDepth(g: UsageGroup, price: ModelPrice): Insight | null {
  const R = RULES.depth;
  const { firstHalf: a, secondHalf: b } = g;
  if (a.requests < R.minRequests || b.requests < R.minRequests || a.promptTokens === 0n || b.promptTokens === 0n)
    return null;
  // growth = (b.prompt/b.requests) / (a.prompt/a.requests) - 1, compared in integers.
  const num = b.promptTokens * a.requests;
  const den = a.promptTokens * b.requests;
  if ((num - den) * 100n < den * R.minGrowthPercent) return null;
  const at = pricesFor(price, g, tierOf(g));
  const inputCost = tokenCost(
    { input: b.inputCostBasis.input, cached: b.inputCostBasis.cached, cacheWrite: 0n, output: 0n, reasoning: 0n },
    at,
  );
  // Input spend of the second half × the share that is growth, × 2 (a half of the window → a month).
  const high = divRoundHalfEven(inputCost * (num - den) * 2n, num);
  if (high <= 0n) return null;
  return {
    kind: "conversation_depth",
    title: `Cap the history sent with each request of ${label(g.feature)} on ${g.model}`,
    estimate: false,
    lowPico: high / 2n,
    highPico: high,
    assumption:
      "Prompts grew between the two halves of the last 30 days, as conversations carry more history. Keeping each request's prompt at the first half's size (summarising or trimming old turns) saves the growth at the most, half of it if only some of the history can go.",
    evidence: [
      `${n(a.promptTokens / a.requests)} prompt tokens per request in the first 15 days, ${n(b.promptTokens / b.requests)} in the last 15 (+${pct(num - den, den)}%)`,
      `input spend of the last 15 days: ${usd(inputCost)}`,
    ],
    features: [g.feature],
    models: [g.model],
  };
}

/** Every insight the usage supports, largest possible saving first. */
export function estimateSavings(
  groups: UsageGroup[],
  waste: WasteGroup[],
  priceOf: PriceOf,
  nonInteractive: ReadonlySet<string> = new Set(),
): Insight[] {
  const out: Insight[] = [];
  for (const g of groups) {
    const price = priceOf(g.provider, g.model);
    if (!price) continue;
    for (const insight of [
      promptCaching(g, price),
      batchTier(g, price, nonInteractive),
      cheaperModel(g, price, priceOf),
      conversationDepth(g, price),
    ]) {
      if (insight) out.push(insight);
    }
  }
  for (const w of waste) {
    const insight = retryWaste(w);
    if (insight) out.push(insight);
  }
  return out.sort((x, y) =>
    y.highPico > x.highPico ? 1 : y.highPico < x.highPico ? -1 : x.title.localeCompare(y.title),
  );
}
