import { pgPool } from "@/lib/db/pg-pool";
import { loadPriceBook } from "@/lib/pricing/load-price-book";
import type { OrgContext } from "@/lib/tenancy/context";
import { parseInput } from "@/lib/budgets/budget-view";
import { capKeysFor } from "./cap-budgets";
import { callAttributes } from "./call-attributes";
import { capView } from "./cap-view";
import { readCapState, remainingPico } from "./held-spend";
import { checkLimitsQuery } from "./limits-input";

/**
 * Whether a call with these attributes may go ahead now: every hard-capped budget it falls in,
 * with its spend, reservations and room. A refusal is an answer (allowed: false), not an error.
 */
export async function checkLimits(ctx: OrgContext, raw: unknown, now = new Date()) {
  const attrs = parseInput(checkLimitsQuery, raw);
  const book = await loadPriceBook(ctx.orgId);
  const apiKeyId = ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : null;
  const keys = await capKeysFor(ctx.orgId, callAttributes(attrs, apiKeyId, book, now), now);
  const query = async <R>(sql: string, params: unknown[]) => ({
    rows: (await pgPool().query(sql, params)).rows as R[],
  });
  const states = await Promise.all(keys.map((k) => readCapState(query, ctx.orgId, k)));
  return {
    allowed: states.every((s) => remainingPico(s) > 0n),
    asOf: now.toISOString(),
    budgets: states.map(capView),
  };
}
