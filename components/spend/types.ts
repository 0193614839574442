import type { ApiResponse } from "@/lib/client/api-types";
import type { Dimension } from "@/lib/usage";

export type { Dimension };
/** The spend API's response, inferred from its contract (lib/contracts/spend.ts, measures from lib/usage). */
export type SpendResponse = ApiResponse<"spend.dashboard">;
export type Granularity = SpendResponse["granularity"];
/** Totals as the spend API returns them: cost is an exact decimal string in USD. */
export type SpendTotals = SpendResponse["total"];
export type SpendSeries = SpendResponse["series"][number];
export type SpendPoint = SpendSeries["points"][number];

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
