import type { Budget } from "@/lib/db/generated/client";
import type { BudgetScope, Threshold } from "./budget-input";
import type { PeriodSpec } from "./budget-period";

/** A budget as the evaluator and the views use it (typed scope and thresholds). */
export type BudgetRow = PeriodSpec & {
  orgId: string;
  id: string;
  name: string;
  scope: BudgetScope;
  amountPico: bigint;
  thresholds: Threshold[];
  forecastAlert: boolean;
  hardCap: boolean;
  ownerUserId: string | null;
  channelIds: string[];
  createdAt: Date;
  updatedAt: Date;
};

export const toBudgetRow = (b: Budget): BudgetRow => ({
  ...b,
  period: b.period as PeriodSpec["period"],
  scope: b.scope as BudgetScope,
  thresholds: b.thresholds as Threshold[],
});

/** The "*" dimension of a scope, if any. */
export const starDimension = (scope: BudgetScope) => Object.entries(scope).find(([, v]) => v === "*")?.[0];
