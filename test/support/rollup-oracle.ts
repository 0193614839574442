// An independent rollup oracle for tests: plain SELECTs of raw usage_events and the rollup tables,
// grouped and summed in JavaScript from the README's rules, with nothing from lib/rollups or lib/usage.
import { pgPool } from "@/lib/db/pg-pool";

const DIMS = ["team", "feature", "provider", "model", "customer", "environment", "serviceTier"] as const;
const COUNTS = [
  "events",
  "unpricedEvents",
  "errorEvents",
  "requests",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "costPico",
] as const;
export type Bucket = Record<(typeof COUNTS)[number], string>;
type Raw = Record<string, string | number | boolean | Date | null>;

const hourOf = (t: Date) => new Date(Math.floor(t.getTime() / 3_600_000) * 3_600_000).toISOString();
const dayOf = (t: Date) => new Date(Math.floor(t.getTime() / 86_400_000) * 86_400_000).toISOString();

/** A priced event is bucketed under its catalog model name ("openai/gpt-4o" → "gpt-4o"); a missing dimension is "". */
function keyParts(e: Raw, period: "hour" | "day"): unknown[] {
  const t = e.timestamp as Date;
  const priced = e.pricedModel as string | null;
  const values = {
    team: e.team ?? "",
    feature: e.feature ?? "",
    provider: e.provider,
    model: priced ? priced.slice(priced.indexOf("/") + 1) : e.model,
    customer: e.customer ?? "",
    environment: e.environment ?? "",
    serviceTier: e.serviceTier,
  };
  return [period === "hour" ? hourOf(t) : dayOf(t), ...DIMS.map((d) => values[d])];
}
const keyOf = (e: Raw, period: "hour" | "day") => keyParts(e, period).join(" | ");

/** Per bucket key, the sums of the organisation's raw events. */
export async function bucketsFromEvents(orgId: string, period: "hour" | "day"): Promise<Map<string, Bucket>> {
  const { rows } = await pgPool().query<Raw>(`SELECT * FROM usage_events WHERE "orgId" = $1`, [orgId]);
  const out = new Map<string, Record<string, bigint>>();
  for (const e of rows) {
    const k = keyOf(e, period);
    const b = out.get(k) ?? Object.fromEntries(COUNTS.map((c) => [c, 0n]));
    b.events! += 1n;
    if (!e.priced) b.unpricedEvents! += 1n;
    if (e.status === "error") b.errorEvents! += 1n;
    for (const c of [
      "requests",
      "inputTokens",
      "outputTokens",
      "cachedInputTokens",
      "cacheWriteTokens",
      "reasoningTokens",
    ])
      b[c]! += BigInt(e[c] as number);
    b.costPico! += BigInt((e.costPico as string | null) ?? 0);
    out.set(k, b);
  }
  return new Map([...out].map(([k, b]) => [k, Object.fromEntries(COUNTS.map((c) => [c, String(b[c])])) as Bucket]));
}

/** Per bucket key, what a rollup table holds (buckets emptied to zero events are left out). */
export async function bucketsFromRollups(orgId: string, period: "hour" | "day"): Promise<Map<string, Bucket>> {
  const table = period === "hour" ? "spend_rollups" : "spend_rollups_daily";
  const { rows } = await pgPool().query<Raw>(
    `SELECT *, ${COUNTS.map((c) => `"${c}"::text AS "${c}"`).join(", ")} FROM ${table} WHERE "orgId" = $1 AND events <> 0`,
    [orgId],
  );
  return new Map(
    rows.map((r) => [
      [new Date(r[period] as Date).toISOString(), ...DIMS.map((d) => r[d])].join(" | "),
      Object.fromEntries(COUNTS.map((c) => [c, r[c]])) as Bucket,
    ]),
  );
}

/** Per (end user, API key, hour, dimensions but service tier), the cost of the organisation's priced events. */
export async function scopedFromEvents(orgId: string): Promise<Map<string, string>> {
  const { rows } = await pgPool().query<Raw>(`SELECT * FROM usage_events WHERE "orgId" = $1 AND priced`, [orgId]);
  const out = new Map<string, bigint>();
  for (const e of rows) {
    const k = [e.endUser ?? "", e.apiKeyId ?? "", ...keyParts(e, "hour").slice(0, -1)].join(" | ");
    out.set(k, (out.get(k) ?? 0n) + BigInt(e.costPico as string));
  }
  return new Map([...out].map(([k, v]) => [k, String(v)]));
}

/** The same from scoped_spend. Service tier is not part of its key: it is summed over. */
export async function scopedFromTable(orgId: string): Promise<Map<string, string>> {
  const { rows } = await pgPool().query<Raw>(
    `SELECT *, "costPico"::text AS cost FROM scoped_spend WHERE "orgId" = $1 AND "costPico" <> 0`,
    [orgId],
  );
  return new Map(
    rows.map((r) => [
      [r.endUser, r.apiKeyId, new Date(r.hour as Date).toISOString(), ...DIMS.slice(0, -1).map((d) => r[d])].join(
        " | ",
      ),
      r.cost as string,
    ]),
  );
}

/** Per "API key | hour", the cost of the organisation's raw events sent with a key (unpriced: 0). */
export async function apiKeySpendFromEvents(orgId: string): Promise<Map<string, string>> {
  const { rows } = await pgPool().query<Raw>(
    `SELECT "apiKeyId", timestamp, "costPico" FROM usage_events WHERE "orgId" = $1 AND "apiKeyId" IS NOT NULL`,
    [orgId],
  );
  const out = new Map<string, bigint>();
  for (const e of rows) {
    const k = `${e.apiKeyId} | ${hourOf(e.timestamp as Date)}`;
    out.set(k, (out.get(k) ?? 0n) + BigInt((e.costPico as string | null) ?? 0));
  }
  return new Map([...out].map(([k, v]) => [k, String(v)]));
}

/** The same from api_key_spend. */
export async function apiKeySpendFromTable(orgId: string): Promise<Map<string, string>> {
  const { rows } = await pgPool().query<Raw>(
    `SELECT "apiKeyId", hour, "costPico"::text AS cost FROM api_key_spend WHERE "orgId" = $1`,
    [orgId],
  );
  return new Map(rows.map((r) => [`${r.apiKeyId} | ${new Date(r.hour as Date).toISOString()}`, r.cost as string]));
}
