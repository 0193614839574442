import type { z } from "zod";
import { invalidRequest } from "@/lib/errors";
import { formatPicoUsd } from "@/lib/money";
import type { BudgetRow } from "./budget-row";

/** A budget as the API returns it: amounts as exact decimal strings. */
export function budgetView(b: BudgetRow) {
  return {
    id: b.id,
    name: b.name,
    scope: b.scope,
    period: b.period,
    startDay: b.startDay ?? null,
    amount: formatPicoUsd(b.amountPico),
    thresholds: b.thresholds,
    forecastAlert: b.forecastAlert,
    hardCap: b.hardCap,
    ownerUserId: b.ownerUserId,
    channelIds: b.channelIds,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}
export type BudgetView = ReturnType<typeof budgetView>;

/** Parses domain input with its schema; a failure is an `invalid_request` naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidRequest(r.error);
  return r.data;
}
