import type { Dimension, MeasureTotals } from "@/lib/usage";

export type { Dimension };
export type Granularity = "hour" | "day" | "week" | "month";

/** Totals as the spend API returns them (declared in lib/usage): cost is an exact decimal string in USD. */
export type SpendTotals = MeasureTotals;
export type SpendPoint = SpendTotals & { t: string };
export type SpendSeries = { key: Partial<Record<Dimension, string>>; total: SpendTotals; points: SpendPoint[] };
export type SpendResponse = {
  currency: string;
  from: string;
  to: string;
  granularity: Granularity;
  groupBy: Dimension[];
  filters: Partial<Record<Dimension, string[]>>;
  total: SpendTotals;
  series: SpendSeries[];
};

/** What a spend query asks for (GET /api/orgs/{org}/spend). Filter value "(none)" selects unattributed. */
export type SpendParams = {
  from: string;
  to: string;
  granularity: Granularity;
  groupBy?: Dimension[];
  filters?: Partial<Record<Dimension, string>>;
};

/** Every token the event counted: uncached input, cache reads, output and reasoning. */
export const totalTokens = (t: SpendTotals): number =>
  t.inputTokens + t.cachedInputTokens + t.outputTokens + t.reasoningTokens;
