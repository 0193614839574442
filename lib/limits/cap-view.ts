import { formatPicoUsd } from "@/lib/money";
import { type CapState, remainingPico } from "./held-spend";

/** One hard-capped budget as the limits API shows it, for the value the call counts under. */
export function capView(s: CapState) {
  const { budget, period, scopeValue } = s.key;
  const remaining = remainingPico(s);
  return {
    id: budget.id,
    name: budget.name,
    scope: budget.scope,
    scopeValue: scopeValue === "" ? null : scopeValue,
    period: budget.period,
    periodStart: period.start.toISOString(),
    amount: formatPicoUsd(s.limitPico),
    override: formatPicoUsd(s.overridePico),
    spent: formatPicoUsd(s.spentPico),
    reserved: formatPicoUsd(s.reservedPico),
    remaining: formatPicoUsd(remaining > 0n ? remaining : 0n),
    capped: remaining <= 0n,
    resetsAt: period.end.toISOString(),
  };
}
export type CapView = ReturnType<typeof capView>;
