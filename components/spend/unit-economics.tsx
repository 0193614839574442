import { costPerUnit, formatMoneyPrecise } from "@/lib/format/money";
import { totalTokens, type SpendTotals } from "./types";

function Row({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4 border-b border-tremor-border py-2 last:border-0">
      <dt className="text-sm text-tremor-content">{label}</dt>
      <dd className="font-medium tabular-nums text-tremor-content-strong" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Cost per request and per 1K tokens, exact to a pico-dollar and shown to 4 decimals. */
export function UnitEconomics({ total }: { total: SpendTotals }) {
  const tokens = totalTokens(total);
  const perRequest = costPerUnit(total.cost, total.requests);
  const perKTokens = costPerUnit(total.cost, tokens, 1000);
  return (
    <>
      <dl>
        <Row label="Cost per request" value={perRequest ? formatMoneyPrecise(perRequest) : "—"} testId="cost-per-request" />
        <Row label="Cost per 1K tokens" value={perKTokens ? formatMoneyPrecise(perKTokens) : "—"} testId="cost-per-1k-tokens" />
        <Row label="Requests" value={total.requests.toLocaleString("en-US")} testId="unit-requests" />
        <Row label="Tokens" value={tokens.toLocaleString("en-US")} testId="unit-tokens" />
      </dl>
      <p className="mt-3 text-xs text-tremor-content">
        Cost per active end user is not shown: end users are not a spend dimension, so requests and tokens stand in for it.
      </p>
    </>
  );
}
