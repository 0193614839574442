import { randomBytes } from "node:crypto";
import { inPgTransaction } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { formatPicoUsd, usdToPico } from "@/lib/money";
import { loadPriceBook } from "@/lib/pricing/load-price-book";
import { priceUsage } from "@/lib/pricing/price-usage";
import type { OrgContext } from "@/lib/tenancy/context";
import { parseInput } from "@/lib/budgets/budget-view";
import { type CapKey, capKeysFor } from "./cap-budgets";
import { callAttributes } from "./call-attributes";
import { capView, type CapView } from "./cap-view";
import { readCapState, remainingPico } from "./held-spend";
import { type ReserveInput, reserveInput } from "./limits-input";

export type ReserveResult =
  | { allowed: true; reservationId: string; expiresAt: string; amount: string; budgets: CapView[] }
  | { allowed: false; budget: CapView; resetsAt: string };

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
  const { cost } = priceUsage(book, input.model!, input.provider ?? "", now, usage, 0);
  if (cost === null)
    throw AppError.invalid("model", "Burnrate has no price for this model: give estimatedCost instead");
  return cost;
}

const lockKey = (orgId: string, k: CapKey) => `${orgId}|${k.budget.id}|${k.period.start.toISOString()}|${k.scopeValue}`;

/**
 * Reserves the call's maximum cost against every hard-capped budget it falls in, or refuses with
 * the budget that has the least room. The check of every budget and the reservation are one
 * step: a transaction that first takes an advisory lock per (budget, period, value) in a fixed
 * order, so concurrent reservations against the same budgets never jointly exceed what remains.
 */
export async function reserveSpend(ctx: OrgContext, raw: unknown, now = new Date()): Promise<ReserveResult> {
  const input = parseInput(reserveInput, raw);
  const book = await loadPriceBook(ctx.orgId);
  const amountPico = maxCostPico(input, book, now);
  const apiKeyId = ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : null;
  const { estimatedCost: _e, maxInputTokens: _i, maxOutputTokens: _o, ttlSeconds, ...attrs } = input;
  const keys = await capKeysFor(ctx.orgId, callAttributes(attrs, apiKeyId, book, now), now);
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);

  return inPgTransaction(async (c) => {
    const query = async <R>(sql: string, params: unknown[]) => ({ rows: (await c.query(sql, params)).rows as R[] });
    for (const k of [...keys].sort((a, b) => lockKey(ctx.orgId, a).localeCompare(lockKey(ctx.orgId, b))))
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [lockKey(ctx.orgId, k)]);
    const states = [];
    for (const k of keys) states.push(await readCapState(query, ctx.orgId, k));
    const short = states
      .filter((s) => remainingPico(s) < amountPico)
      .sort((a, b) => (remainingPico(a) < remainingPico(b) ? -1 : 1))[0];
    if (short) {
      const budget = capView(short);
      return { allowed: false as const, budget, resetsAt: budget.resetsAt };
    }
    const id = `rsv_${randomBytes(16).toString("base64url")}`;
    await c.query(
      `INSERT INTO reservations ("orgId", id, "amountPico", attributes, "expiresAt", "apiKeyId") VALUES ($1, $2, $3, $4, $5, $6)`,
      [ctx.orgId, id, amountPico.toString(), JSON.stringify(attrs), expiresAt, apiKeyId],
    );
    if (keys.length > 0)
      await c.query(
        `INSERT INTO reservation_holds ("orgId", "reservationId", "budgetId", "periodStart", "scopeValue", "amountPico", "expiresAt")
         SELECT $1, $2, b, p, v, $6, $7 FROM unnest($3::text[], $4::timestamptz[], $5::text[]) AS u(b, p, v)`,
        [
          ctx.orgId,
          id,
          keys.map((k) => k.budget.id),
          keys.map((k) => k.period.start),
          keys.map((k) => k.scopeValue),
          amountPico.toString(),
          expiresAt,
        ],
      );
    return {
      allowed: true as const,
      reservationId: id,
      expiresAt: expiresAt.toISOString(),
      amount: formatPicoUsd(amountPico),
      budgets: states.map((s) => capView({ ...s, reservedPico: s.reservedPico + amountPico })),
    };
  });
}
