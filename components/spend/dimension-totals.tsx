import { compareMoney, costPerUnit, formatMoney, formatMoneyPrecise } from "@/lib/money/format";
import { changeOf, describeChange, describeCountChange, describeUnitChange } from "./compare";
import { StatCard } from "./stat-card";
import { totalTokens, type SpendTotals } from "./types";

const n = (v: number) => v.toLocaleString("en-US");

/** "vs previous period: …", red when spend went up; "…" while the previous period loads. */
function VsPrevious({ text, up, testId }: { text: string | null; up?: boolean; testId: string }) {
  return (
    <span className="mt-1 block">
      vs previous period:{" "}
      <span
        className={`tabular-nums ${up ? "text-rose-700 dark:text-rose-400" : "text-tremor-content-emphasis"}`}
        data-testid={testId}
      >
        {text ?? "…"}
      </span>
    </span>
  );
}

/**
 * Spend, volume and cost per request of one dimension value over the period, each with its change against
 * `previous` (the totals of the period of the same length just before).
 */
export function DimensionTotals({ total, previous }: { total: SpendTotals; previous?: SpendTotals }) {
  const perRequest = costPerUnit(total.cost, total.requests);
  const prevPerRequest = previous ? costPerUnit(previous.cost, previous.requests) : null;
  const spend = previous ? changeOf(total.cost, previous.cost) : null;
  const unit = perRequest && prevPerRequest ? changeOf(perRequest, prevPerRequest) : null;
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      <StatCard title="Spend" value={formatMoney(total.cost)} testId="dimension-spend" exact={total.cost}>
        exact: ${total.cost}
        <VsPrevious
          text={spend ? describeChange(spend) : null}
          up={spend ? compareMoney(spend.delta, "0") > 0 : false}
          testId="dimension-spend-change"
        />
      </StatCard>
      <StatCard title="Requests" value={n(total.requests)}>
        {n(total.events)} events{total.errorEvents ? `, ${n(total.errorEvents)} errors` : ""}
        <VsPrevious
          text={previous ? describeCountChange(total.requests, previous.requests) : null}
          testId="dimension-requests-change"
        />
      </StatCard>
      <StatCard title="Tokens" value={n(totalTokens(total))}>
        {n(total.inputTokens + total.cachedInputTokens)} in · {n(total.outputTokens + total.reasoningTokens)} out
        <VsPrevious
          text={previous ? describeCountChange(totalTokens(total), totalTokens(previous)) : null}
          testId="dimension-tokens-change"
        />
      </StatCard>
      <StatCard title="Cost per request" value={perRequest ? formatMoneyPrecise(perRequest) : "—"}>
        {total.unpricedEvents ? `${n(total.unpricedEvents)} unpriced events count no spend` : "every event priced"}
        <VsPrevious
          text={
            !previous
              ? null
              : unit
                ? describeUnitChange(unit.delta, unit.percent)
                : prevPerRequest === null
                  ? "no requests before"
                  : "no requests now"
          }
          up={unit ? compareMoney(unit.delta, "0") > 0 : false}
          testId="dimension-unit-change"
        />
      </StatCard>
    </div>
  );
}
