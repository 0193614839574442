import { AppError } from "@/lib/errors";
import { loadPriceBook } from "@/lib/pricing/load-price-book";
import type { OrgContext } from "@/lib/tenancy/context";
import { parseInput } from "@/lib/budgets/budget-view";
import { type CapKey, type CapOrg, lastKnownCapOrg } from "./cap-budgets";
import { capsFor } from "./caps-for";
import { cachedFigures, rememberFigures } from "./cap-figures-cache";
import { keyNames } from "./key-names";
import { callAttributes } from "./call-attributes";
import { checkedCap } from "./cap-view";
import { failModeAnswer, reportFailModeAnswers } from "./fail-mode";
import type { CapFigures } from "./held-spend";
import { readFiguresBatched } from "./batched-figures";
import { checkLimitsQuery } from "./limits-input";
import { startFiguresRefresh } from "./refresh-cap-figures";
import { snapshotFigures } from "./value-snapshots";

/**
 * The figures of each key: from this process's copies while Redis confirms them current (a copy of
 * the key, else its period's snapshot of all values), the rest read from Postgres in one statement
 * shared with the checks running meanwhile (and kept, tagged with the versions read before).
 */
async function figuresOf(
  orgId: string,
  org: CapOrg,
  keys: CapKey[],
  versions: string[] | null,
  changedSeqs: (number | null)[],
) {
  const nowMs = Date.now();
  const tags = keys.map((_, i) => (versions ? `${org.version}|${versions[2 * i]}|${versions[2 * i + 1]}` : null));
  const out: (CapFigures | undefined)[] = keys.map((k, i) =>
    tags[i]
      ? (cachedFigures(keyNames(orgId, k).figures, tags[i]!, nowMs) ??
        snapshotFigures(orgId, k, versions![2 * i]!, changedSeqs[i] ?? null, nowMs))
      : undefined,
  );
  const missing = keys.flatMap((k, i) => (out[i] ? [] : [i]));
  if (missing.length > 0) {
    const read = await readFiguresBatched(
      orgId,
      missing.map((i) => keys[i]!),
    );
    missing.forEach((i, j) => {
      out[i] = read[j]!;
      if (tags[i])
        rememberFigures(keyNames(orgId, keys[i]!).figures, tags[i]!, read[j]!, nowMs, { orgId, key: keys[i]! });
    });
  }
  return out as CapFigures[];
}

/**
 * Whether a call with these attributes may go ahead now: every hard-capped budget it falls in,
 * with its spend, reservations and room. A refusal is an answer (allowed: false), not an error.
 * When Postgres is down (Redis holds no figures), the organisation's fail mode answers.
 */
export async function checkLimits(ctx: OrgContext, raw: unknown, now = new Date(), rateSubject?: string) {
  const attrs = parseInput(checkLimitsQuery, raw);
  try {
    const apiKeyId = ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : null;
    const book = attrs.model ? await loadPriceBook(ctx.orgId) : null;
    const call = callAttributes(attrs, apiKeyId, book, now);
    const { org, keys, keyVersions, changedSeqs } = await capsFor(ctx, call, now, rateSubject);
    startFiguresRefresh();
    const figures = await figuresOf(ctx.orgId, org, keys, keyVersions, changedSeqs);
    const caps = keys.map((k, i) => checkedCap(k, figures[i]!));
    void reportFailModeAnswers(ctx.orgId);
    return {
      allowed: caps.every((c) => c.room > 0n),
      asOf: now.toISOString(),
      budgets: caps.map((c) => c.view),
    };
  } catch (err) {
    if (err instanceof AppError) throw err;
    return failModeAnswer(ctx.orgId, lastKnownCapOrg(ctx.orgId)?.failMode ?? "open", err, now);
  }
}
