import { backoffMs, type HttpConfig, RetryableError, request } from "./http.js";
import type { Attribution } from "./types.js";

/** A hard-capped budget as the limits API describes it (amounts are exact USD decimal strings). */
export type CapState = {
  id: string;
  name: string;
  scope: Record<string, string>;
  scopeValue: string | null;
  period: string;
  periodStart: string;
  amount: string;
  spent: string;
  reserved: string;
  remaining: string;
  capped: boolean;
  resetsAt: string;
};

/**
 * A call refused by a hard cap: which budget, how much is left, when it resets. Never retried by the SDK
 * (retrying cannot help before `resetsAt`).
 */
export class BudgetExceededError extends Error {
  readonly retryable = false;
  readonly resetsAt: Date;
  constructor(
    readonly budget: CapState,
    resetsAt: string,
  ) {
    super(
      `Budget "${budget.name}" (${budget.id}) has no room for this call: ${budget.remaining} of ${budget.amount} USD left this ${budget.period}; it resets at ${resetsAt}`,
    );
    this.name = "BudgetExceededError";
    this.resetsAt = new Date(resetsAt);
  }
}

export type ReserveRequest = Attribution & {
  model?: string;
  provider?: string;
  estimatedCost?: string;
  maxInputTokens?: number;
  maxOutputTokens?: number;
  ttlSeconds?: number;
};

export type Granted = { reservationId: string; amount: string; expiresAt: string };

/** "0.05" for 0.05; USD amounts as the API takes them (a decimal string, at most 12 decimals). */
export function usdString(value: string | number): string {
  if (typeof value === "string") return value;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`maxCost must be a non-negative amount, got ${value}`);
  return value.toFixed(12).replace(/\.?0+$/, "") || "0";
}

/**
 * POST /api/v1/limits/reserve: a reservation, or BudgetExceededError when refused (at once, never retried).
 * 429/5xx/network errors are retried twice; a still-failing or invalid call throws a plain Error.
 */
export async function reserve(http: HttpConfig, body: ReserveRequest, retryBaseMs: number): Promise<Granted> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await request(http, "POST", "/api/v1/limits/reserve", body);
      const answer = res.body as
        | { allowed: true; reservationId: string; amount: string; expiresAt: string }
        | { allowed: false; budget: CapState; resetsAt: string }
        | { error?: { message?: string } };
      if (res.status === 200 && "allowed" in answer) {
        if (answer.allowed) return answer;
        throw new BudgetExceededError(answer.budget, answer.resetsAt);
      }
      const message = (answer as { error?: { message?: string } })?.error?.message ?? JSON.stringify(answer);
      throw new Error(`Burnrate refused the reservation (${res.status}): ${message}`);
    } catch (err) {
      if (!(err instanceof RetryableError) || attempt >= 2) throw err;
      await new Promise((r) => setTimeout(r, backoffMs(attempt, retryBaseMs, err.retryAfterMs)));
    }
  }
}

/** POST /api/v1/limits/release; failures are reported, not thrown (the reservation expires by itself). */
export async function release(http: HttpConfig, reservationId: string): Promise<void> {
  await request(http, "POST", "/api/v1/limits/release", { reservationId });
}
