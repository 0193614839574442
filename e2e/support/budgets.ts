import { expect, request } from "@playwright/test";
import type { Account } from "./accounts";

/** Polls `check` until it returns a value (the worker folds, then evaluates budgets). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A budget of one millionth of a dollar over the whole organisation and one event that crosses its
 * 100% threshold: returns the budget and the alert the worker opened.
 */
export async function budgetWithAlert(account: Account, ingestKey: string, baseURL: string) {
  const created = await account.api.post(`/api/orgs/${account.orgSlug}/budgets`, {
    data: { name: "bravo-secret-budget", period: "month", amount: "0.000001", thresholds: [{ percent: 100 }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const budgetId: string = (await created.json()).budget.id;
  const svc = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${ingestKey}` } });
  const ev = await svc.post("/api/v1/events", {
    data: {
      eventId: `alert-${budgetId}`,
      timestamp: new Date().toISOString(),
      provider: "openai",
      model: "gpt-4o",
      inputTokens: 100,
      outputTokens: 10,
    },
  });
  expect(ev.status(), await ev.text()).toBe(202);
  await svc.dispose();
  const alertId = await eventually(async () => {
    const list = await (await account.api.get(`/api/orgs/${account.orgSlug}/alerts`)).json();
    return (list.items as { id: string; budget: { id: string } }[]).find((a) => a.budget.id === budgetId)?.id;
  });
  return { budgetId, alertId };
}

/** A self-hosted model priced at exactly 1 USD per 1M input tokens for this organisation: 1 token = $0.000001. */
export const HOUSE_MODEL = "e2e-house-7b";
export async function priceHouseModel(account: Account) {
  const res = await account.api.post(`/api/orgs/${account.orgSlug}/price-overrides`, {
    data: {
      kind: "CUSTOM_PRICE",
      provider: "self-hosted",
      model: HOUSE_MODEL,
      prices: { input: "1", output: "1" },
      effectiveFrom: "2020-01-01T00:00:00Z",
    },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** An event of the house model costing exactly `micros` millionths of a dollar. */
export const houseEvent = (micros: number, attribution: Record<string, string> = {}, at = new Date()) => ({
  eventId: `house-${Math.random().toString(36).slice(2)}`,
  timestamp: new Date(at.getTime() - 60_000).toISOString(),
  provider: "self-hosted",
  model: HOUSE_MODEL,
  inputTokens: micros,
  outputTokens: 0,
  ...attribution,
});
