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
