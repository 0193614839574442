import { Badge, ProgressBar } from "@tremor/react";
import { type BudgetState, money, STATE_COLOR } from "./budget-format";

/** Spent of amount as a bar, the figures and the state, readable at any width. */
export function BudgetProgress({
  spent,
  amount,
  percentUsed,
  state,
}: {
  spent: string;
  amount: string;
  percentUsed: string | null;
  state: BudgetState;
}) {
  const pct = Math.min(100, Number(percentUsed ?? 0));
  return (
    <div className="space-y-1" data-testid="budget-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="tabular-nums text-tremor-content-strong">
          <span data-testid="budget-spent">{money(spent)}</span> of {money(amount)}
        </span>
        <span className="flex items-center gap-2">
          {percentUsed !== null ? (
            <span className="tabular-nums text-tremor-content" data-testid="budget-percent">
              {percentUsed}%
            </span>
          ) : null}
          <Badge color={STATE_COLOR[state]} size="xs">
            {state}
          </Badge>
        </span>
      </div>
      <ProgressBar value={pct} color={STATE_COLOR[state]} showAnimation={false} />
    </div>
  );
}
