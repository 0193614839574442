import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { formatPicoUsd, usdToPico } from "@/lib/money";
import { loadPriceBook } from "@/lib/pricing/load-price-book";
import { priceUsage } from "@/lib/pricing/price-usage";
import type { OrgContext } from "@/lib/tenancy/context";
import { parseInput } from "@/lib/budgets/budget-view";
import { capKeysOf, lastKnownCapOrg } from "./cap-budgets";
import { callAttributes } from "./call-attributes";
import { capView, type CapView } from "./cap-view";
import { failModeAnswer } from "./fail-mode";
import { type CapState, capState, figuresOfRow, remainingPico } from "./held-spend";
import { type ReserveInput, reserveInput } from "./limits-input";
import { reserveInBatch } from "./reserve-batches";

export type ReserveResult =
  | { allowed: true; reservationId: string; expiresAt: string; amount: string; budgets: CapView[] }
  | { allowed: false; budget: CapView; resetsAt: string }
  | { allowed: boolean; reservationId: null; degraded: "fail_open" | "fail_closed" };

/** The most the call may cost: the estimate given, or the model's price for the most tokens. */
function maxCostPico(input: ReserveInput, book: Awaited<ReturnType<typeof loadPriceBook>>, now: Date): bigint {
  if (input.estimatedCost !== undefined) return usdToPico(input.estimatedCost);
  const usage = {
    inputTokens: input.maxInputTokens ?? 0,
    outputTokens: input.maxOutputTokens ?? 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    cacheTtl: "5m" as const,
    reasoningTokens: 0,
    requests: 1,
    images: 0,
    audioSeconds: 0,
    serviceTier: "standard" as const,
  };
  // Stryker disable next-line StringLiteral: equivalent, a provider no price names narrows nothing, as none (docs/mutation.md)
  const { cost } = priceUsage(book, input.model!, input.provider ?? "", now, usage, 0);
  if (cost === null)
    throw AppError.invalid("model", "Burnrate has no price for this model: give estimatedCost instead");
  return cost;
}

/** The budget that refuses: the one with the least room (the first of them on a tie), as the function chose. */
function refusing(states: CapState[], amountPico: bigint): CapState {
  let short: CapState | undefined;
  for (const s of states)
    if (remainingPico(s) < amountPico && (!short || remainingPico(s) < remainingPico(short))) short = s;
  // Stryker disable next-line StringLiteral: never thrown, the function refuses only when a key is short (docs/mutation.md)
  if (!short) throw new Error("burnrate_reserve_batch refused with room under every budget");
  return short;
}

/**
 * Reserves the call's maximum cost against every hard-capped budget it falls in, or refuses with
 * the budget that has the least room. The check of every budget and the reservation are one
 * step: Postgres takes an advisory lock per (budget, period, value) in a fixed order, reads the
 * figures, then reserves or counts the refusal, in one transaction (with the reservations that
 * waited alongside, lib/limits/reserve-batches.ts), so concurrent reservations against the same
 * budgets never jointly exceed what remains.
 */
export async function reserveSpend(ctx: OrgContext, raw: unknown, now = new Date()): Promise<ReserveResult> {
  const input = parseInput(reserveInput, raw);
  try {
    return await reserve(ctx, input, now);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const answer = failModeAnswer(ctx.orgId, lastKnownCapOrg(ctx.orgId)?.failMode ?? "open", err, now);
    return { allowed: answer.allowed, reservationId: null, degraded: answer.degraded };
  }
}

async function reserve(ctx: OrgContext, input: ReserveInput, now: Date): Promise<ReserveResult> {
  const book = await loadPriceBook(ctx.orgId);
  const amountPico = maxCostPico(input, book, now);
  const apiKeyId = ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : null;
  const { estimatedCost: _e, maxInputTokens: _i, maxOutputTokens: _o, ttlSeconds, ...attrs } = input;
  const call = callAttributes(attrs, apiKeyId, book, now);
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);

  const id = `rsv_${randomBytes(16).toString("base64url")}`;
  const { granted, keys, rows } = await reserveInBatch(ctx.orgId, {
    keysOf: (org) => capKeysOf(org, call, now),
    amountPico,
    id,
    attributes: JSON.stringify(attrs),
    expiresAt,
    apiKeyId,
  });
  const states = keys.map((k, i) => capState(k, figuresOfRow(rows[i]!)));
  if (!granted) {
    const short = refusing(states, amountPico);
    const budget = capView(short);
    return { allowed: false, budget, resetsAt: budget.resetsAt };
  }
  return {
    allowed: true as const,
    reservationId: id,
    expiresAt: expiresAt.toISOString(),
    amount: formatPicoUsd(amountPico),
    budgets: states.map((s) => capView({ ...s, reservedPico: s.reservedPico + amountPico })),
  };
}
