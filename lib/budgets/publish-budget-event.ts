import { publishEvent } from "@/lib/delivery/publish-event";
import type { BudgetTx } from "./budget-transaction";

export type BudgetEventType =
  | "budget.threshold_reached"
  | "budget.forecast_exceeded"
  | "budget.capped"
  | "budget.released";

/** What delivery sends for a budget alert (Standard Webhooks `data`); amounts as decimal strings. */
export type BudgetEventData = {
  budget: { id: string; name: string; scope: Record<string, string> };
  period: { start: string; end: string };
  threshold: { percent: number } | { amount: string } | { forecast: true } | { hardCap: true };
  spent: string;
  amount: string;
  projectedAt?: string;
  /** The alert of a threshold or forecast; null for a hard cap's capped/released. */
  alertId: string | null;
  scopeValue: string | null;
  /** Capped/released: when the cap resets by itself (the period's end). */
  resetsAt?: string;
};

export type BudgetEvent = { orgId: string; type: BudgetEventType; data: BudgetEventData; channelIds: string[] };

/**
 * The one place budgets hand an alert to delivery, called inside the evaluator's transaction (the
 * one that recorded the crossing): the outbox event and its deliveries (subscribed webhook
 * endpoints, the budget's channels) commit with the crossing, so an event exists exactly when its
 * crossing does; the transaction dispatches them after the commit.
 */
export async function publishBudgetEvent(tx: BudgetTx, event: BudgetEvent): Promise<void> {
  tx.published.push(
    await publishEvent(tx.prisma, {
      orgId: event.orgId,
      type: event.type,
      data: event.data,
      channelIds: event.channelIds,
    }),
  );
  for (const listener of listeners) listener(event);
}

const listeners = new Set<(e: BudgetEvent) => void>();
/** Test hook: observe published events in this process; returns the unsubscribe function. */
export function onBudgetEvent(listener: (e: BudgetEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
