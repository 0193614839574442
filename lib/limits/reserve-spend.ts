import { randomBytes } from "node:crypto";
import type { PoolClient } from "pg";
import { inPgTransaction } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { formatPicoUsd, usdToPico } from "@/lib/money";
import { loadPriceBook } from "@/lib/pricing/load-price-book";
import { priceUsage } from "@/lib/pricing/price-usage";
import { bumpValueVersions } from "@/lib/redis/cap-versions";
import type { OrgContext } from "@/lib/tenancy/context";
import { parseInput } from "@/lib/budgets/budget-view";
import { type CapKey, lastKnownCapOrg } from "./cap-budgets";
import { callAttributes } from "./call-attributes";
import { capsFor } from "./caps-for";
import { capView, type CapView } from "./cap-view";
import { failModeAnswer } from "./fail-mode";
import { capState, readCapFigures, remainingPico } from "./held-spend";
import { type ReserveInput, reserveInput } from "./limits-input";

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
  const { cost } = priceUsage(book, input.model!, input.provider ?? "", now, usage, 0);
  if (cost === null)
    throw AppError.invalid("model", "Burnrate has no price for this model: give estimatedCost instead");
  return cost;
}

const lockKey = (orgId: string, k: CapKey) => `${orgId}|${k.budget.id}|${k.period.start.toISOString()}|${k.scopeValue}`;
const keyParts = (k: CapKey) => ({ budgetId: k.budget.id, periodStart: k.period.start, scopeValue: k.scopeValue });

/** Counts a refused reservation against the budget that refused it ("how much refused" on its page). */
async function recordRefusal(c: PoolClient, orgId: string, k: CapKey, amountPico: bigint) {
  await c.query(
    `INSERT INTO cap_refusals ("orgId", "budgetId", "periodStart", "scopeValue", refusals, "refusedPico")
     VALUES ($1, $2, $3, $4, 1, $5)
     ON CONFLICT ("orgId", "budgetId", "periodStart", "scopeValue") DO UPDATE
       SET refusals = cap_refusals.refusals + 1, "refusedPico" = cap_refusals."refusedPico" + EXCLUDED."refusedPico",
           "lastAt" = now()`,
    [orgId, k.budget.id, k.period.start, k.scopeValue, amountPico.toString()],
  );
}

/**
 * Reserves the call's maximum cost against every hard-capped budget it falls in, or refuses with
 * the budget that has the least room. The check of every budget and the reservation are one
 * step: a transaction that first takes an advisory lock per (budget, period, value) in a fixed
 * order, so concurrent reservations against the same budgets never jointly exceed what remains.
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
  const { keys } = await capsFor(ctx, callAttributes(attrs, apiKeyId, book, now), now);
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);

  const result = await inPgTransaction(async (c) => {
    const query = async <R>(sql: string, params: unknown[]) => ({ rows: (await c.query(sql, params)).rows as R[] });
    for (const k of [...keys].sort((a, b) => lockKey(ctx.orgId, a).localeCompare(lockKey(ctx.orgId, b))))
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [lockKey(ctx.orgId, k)]);
    const figures = await readCapFigures(query, ctx.orgId, keys);
    const states = keys.map((k, i) => capState(k, figures[i]!));
    const short = states
      .filter((s) => remainingPico(s) < amountPico)
      .sort((a, b) => (remainingPico(a) < remainingPico(b) ? -1 : 1))[0];
    if (short) {
      await recordRefusal(c, ctx.orgId, short.key, amountPico);
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
  // After the commit: checks in every process stop trusting their copies of these keys.
  if (result.allowed) await bumpValueVersions(ctx.orgId, keys.map(keyParts));
  return result;
}
