import { costPerUnit, formatMoney, formatMoneyPrecise } from "@/lib/money/format";
import { StatCard } from "./stat-card";
import { totalTokens, type SpendTotals } from "./types";

const n = (v: number) => v.toLocaleString("en-US");

/** Spend, volume and cost per request of one dimension value over the period. */
export function DimensionTotals({ total }: { total: SpendTotals }) {
  const perRequest = costPerUnit(total.cost, total.requests);
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      <StatCard title="Spend" value={formatMoney(total.cost)} testId="dimension-spend">
        exact: ${total.cost}
      </StatCard>
      <StatCard title="Requests" value={n(total.requests)}>
        {n(total.events)} events{total.errorEvents ? `, ${n(total.errorEvents)} errors` : ""}
      </StatCard>
      <StatCard title="Tokens" value={n(totalTokens(total))}>
        {n(total.inputTokens + total.cachedInputTokens)} in · {n(total.outputTokens + total.reasoningTokens)} out
      </StatCard>
      <StatCard title="Cost per request" value={perRequest ? formatMoneyPrecise(perRequest) : "—"}>
        {total.unpricedEvents ? `${n(total.unpricedEvents)} unpriced events count no spend` : "every event priced"}
      </StatCard>
    </div>
  );
}
