import { randomUUID } from "node:crypto";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { pgPool } from "@/lib/db/pg-pool";
import { createOverride } from "@/lib/pricing/overrides/create-override";
import type { OrgContext } from "@/lib/tenancy/context";
import { newOrg } from "./factories";

/** A new organisation whose model "house-7b" costs exactly 1 USD per 1M input tokens: 1 token = $0.000001. */
export async function budgetOrg(label: string): Promise<OrgContext> {
  const org = await newOrg(label);
  await createOverride(org, {
    kind: "CUSTOM_PRICE",
    provider: "self-hosted",
    model: "house-7b",
    prices: { input: "1", output: "0" },
  });
  return org;
}

/** An event of house-7b costing exactly `usd` (at most 6 decimals). */
export function costing(usd: string, timestamp: Date, attribution: Record<string, string> = {}) {
  const [whole, frac = ""] = usd.split(".");
  return {
    eventId: randomUUID(),
    timestamp: timestamp.toISOString(),
    provider: "self-hosted",
    model: "house-7b",
    inputTokens: Number(whole) * 1_000_000 + Number(frac.padEnd(6, "0")),
    outputTokens: 0,
    ...attribution,
  };
}

/** Ingests events (from `costing`), then folds the rollups. */
export async function spendMany(orgId: string, events: ReturnType<typeof costing>[]) {
  const r = await ingestBatch(orgId, events, {});
  if (r.accepted !== events.length) throw new Error(`events refused: ${JSON.stringify(r.rejected)}`);
  await foldDeltas(orgId);
}

/** Ingests one event costing `usd` at `timestamp`, then folds the rollups. */
export const spend = (orgId: string, usd: string, timestamp: Date, attribution: Record<string, string> = {}) =>
  spendMany(orgId, [costing(usd, timestamp, attribution)]);

export async function countRows(table: "alerts" | "budget_crossings" | "budget_period_spend", orgId: string) {
  const { rows } = await pgPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE "orgId" = $1`, [
    orgId,
  ]);
  return rows[0]!.n;
}

const DAY = 86_400_000;
/** 00:00 UTC of the day `daysAgo` days before today. */
export const utcDay = (daysAgo: number) => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY);
export const plusHours = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);

/**
 * An hour before `now`, but never before `now`'s UTC month began: spend that a monthly budget counts in
 * its current period (in a month's first hour, an hour ago is last month).
 */
export const anHourAgoThisMonth = (now = new Date()) =>
  new Date(Math.max(plusHours(now, -1).getTime(), Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)));
