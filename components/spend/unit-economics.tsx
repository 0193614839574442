import { costPerUnit, formatMoneyPrecise } from "@/lib/money/format";
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

/** Cost per request, per active end user and per 1K tokens, exact to a pico-dollar, shown to 4 decimals. */
export function UnitEconomics({ total, activeEndUsers }: { total: SpendTotals; activeEndUsers: number | undefined }) {
  const tokens = totalTokens(total);
  const perRequest = costPerUnit(total.cost, total.requests);
  const perKTokens = costPerUnit(total.cost, tokens, 1000);
  const perUser = activeEndUsers ? costPerUnit(total.cost, activeEndUsers) : null;
  return (
    <>
      <dl>
        <Row
          label="Cost per request"
          value={perRequest ? formatMoneyPrecise(perRequest) : "—"}
          testId="cost-per-request"
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
        />
        <Row label="Requests" value={total.requests.toLocaleString("en-US")} testId="unit-requests" />
        <Row label="Tokens" value={tokens.toLocaleString("en-US")} testId="unit-tokens" />
      </dl>
      <p className="mt-3 text-xs text-tremor-content">
        End users are those named in events&apos; <code>endUser</code> field.
      </p>
    </>
  );
}
