import { compareMoney, costPerUnit, formatMoneyPrecise } from "@/lib/money/format";
import { changeOf, describeCountChange, describeUnitChange } from "./compare";
import { totalTokens, type SpendTotals } from "./types";

function Row({
  label,
  value,
  testId,
  change,
  up = false,
}: {
  label: string;
  value: string;
  testId: string;
  /** The change against the previous period, in words ("…" while it loads); none for this row. */
  change?: string;
  up?: boolean;
}) {
  return (
    <div className="border-b border-tremor-border py-2 last:border-0">
      <div className="flex items-baseline justify-between gap-4">
        <dt className="text-sm text-tremor-content">{label}</dt>
        <dd className="font-medium tabular-nums text-tremor-content-strong" data-testid={testId}>
          {value}
        </dd>
      </div>
      {change !== undefined ? (
        <dd
          className={`text-right text-xs tabular-nums ${up ? "text-rose-700 dark:text-rose-400" : "text-tremor-content"}`}
          data-testid={`${testId}-change`}
        >
          {change}
        </dd>
      ) : null}
    </div>
  );
}

/** A unit cost's change, or why there is none. */
function unitChange(now: string | null, before: string | null): { text: string; up: boolean } {
  if (now && before) {
    const c = changeOf(now, before);
    return { text: describeUnitChange(c.delta, c.percent), up: compareMoney(c.delta, "0") > 0 };
  }
  return { text: before ? "none now" : "none before", up: false };
}

/**
 * Cost per request, per active end user and per 1K tokens, exact to a pico-dollar, shown to 4 decimals;
 * each figure but the end users with its change against `previous` (the previous period's totals).
 */
export function UnitEconomics({
  total,
  previous,
  activeEndUsers,
}: {
  total: SpendTotals;
  previous?: SpendTotals;
  activeEndUsers: number | undefined;
}) {
  const tokens = totalTokens(total);
  const perRequest = costPerUnit(total.cost, total.requests);
  const perKTokens = costPerUnit(total.cost, tokens, 1000);
  const perUser = activeEndUsers ? costPerUnit(total.cost, activeEndUsers) : null;
  const request = previous ? unitChange(perRequest, costPerUnit(previous.cost, previous.requests)) : null;
  const kTokens = previous ? unitChange(perKTokens, costPerUnit(previous.cost, totalTokens(previous), 1000)) : null;
  return (
    <>
      <dl>
        <Row
          label="Cost per request"
          value={perRequest ? formatMoneyPrecise(perRequest) : "—"}
          testId="cost-per-request"
          change={request?.text ?? "…"}
          up={request?.up}
        />
        <Row
          label="Cost per active end user"
          value={perUser ? formatMoneyPrecise(perUser) : "—"}
          testId="cost-per-end-user"
        />
        <Row
          label="Active end users"
          value={activeEndUsers === undefined ? "…" : activeEndUsers.toLocaleString("en-US")}
          testId="active-end-users"
        />
        <Row
          label="Cost per 1K tokens"
          value={perKTokens ? formatMoneyPrecise(perKTokens) : "—"}
          testId="cost-per-1k-tokens"
          change={kTokens?.text ?? "…"}
          up={kTokens?.up}
        />
        <Row
          label="Requests"
          value={total.requests.toLocaleString("en-US")}
          testId="unit-requests"
          change={previous ? describeCountChange(total.requests, previous.requests) : "…"}
        />
        <Row
          label="Tokens"
          value={tokens.toLocaleString("en-US")}
          testId="unit-tokens"
          change={previous ? describeCountChange(tokens, totalTokens(previous)) : "…"}
        />
      </dl>
      <p className="mt-3 text-xs text-tremor-content">
        Changes against the previous period. End users are those named in events&apos; <code>endUser</code> field.
      </p>
    </>
  );
}
