import { pgPool } from "@/lib/db/pg-pool";
import { floorHour } from "@/lib/budgets/budget-period";
import type { UsageRow } from "./build-chargeback";
import type { PartyDimension } from "./settings";

type Row = Record<string, string>;
const COLS = [
  "requests",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "costPico",
] as const;

/**
 * Usage of a period by party, feature and model, from the hourly rollups (the source the spend API
 * reads, so both agree to the unit). A boundary inside an hour (a +05:30 zone) counts from that hour.
 */
export async function readPeriodUsage(
  orgId: string,
  dimension: PartyDimension,
  start: Date,
  end: Date,
): Promise<UsageRow[]> {
  const party = dimension === "customer" ? `"customer"` : `"team"`;
  const { rows } = await pgPool().query<Row>(
    `SELECT ${party} AS party, feature, provider, model, ${COLS.map((c) => `sum("${c}")::text AS "${c}"`).join(", ")}
       FROM spend_rollups
      WHERE "orgId" = $1 AND hour >= $2 AND hour < $3
      GROUP BY 1, 2, 3, 4`,
    [orgId, floorHour(start), floorHour(end)],
  );
  return rows.map((r) => ({
    party: r.party!,
    feature: r.feature!,
    provider: r.provider!,
    model: r.model!,
    requests: BigInt(r.requests!),
    inputTokens: BigInt(r.inputTokens!),
    outputTokens: BigInt(r.outputTokens!),
    cachedInputTokens: BigInt(r.cachedInputTokens!),
    cacheWriteTokens: BigInt(r.cacheWriteTokens!),
    reasoningTokens: BigInt(r.reasoningTokens!),
    costPico: BigInt(r.costPico!),
  }));
}
