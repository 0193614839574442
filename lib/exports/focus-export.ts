import type { Readable } from "node:stream";
import { z } from "zod";
import { to as copyTo } from "pg-copy-streams";
import { pgPool } from "@/lib/db/pg-pool";
import { floorHour } from "@/lib/budgets/budget-period";
import { type RulesOfPeriod, rulesOfPeriods } from "@/lib/chargeback/rules-of-periods";
import { getChargebackSettings } from "@/lib/chargeback/settings";
import { perMillionToPicoPerToken } from "@/lib/money";
import { type AllocationPlan, type FocusAllocation, planFocusAllocations } from "./focus-allocations";
import { FOCUS_COLUMNS } from "./focus-columns";
import { FOCUS_TOKEN_KINDS, type FocusKind, type ListPrice, listPricesFor } from "./focus-list-prices";

export const focusExportQuery = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).describe("Start of the range (ISO 8601)"),
    to: z.iso.datetime({ offset: true }).describe("End of the range, exclusive (ISO 8601)"),
  })
  .transform((q, ctx) => {
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (from >= to) ctx.addIssue({ code: "custom", path: ["from"], message: "must be before to" });
    if (to.getTime() - from.getTime() > 400 * 86_400_000)
      ctx.addIssue({ code: "custom", path: ["from"], message: "range is limited to 400 days" });
    return { from, to };
  });

/** The bucket's hour as minutes after midnight UTC. */
const HOUR_MINUTE = `(extract(hour from r.hour AT TIME ZONE 'UTC')::int * 60)`;
const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ts = (d: Date) => `${quoteLiteral(d.toISOString())}::timestamptz`;
const json = (v: unknown) => `${quoteLiteral(JSON.stringify(v))}::text`;
/** A ratio num/den as a JSON number with 12 decimals (exact shares are in the x_ keys). */
const ratio = (num: bigint, den: bigint) => {
  if (den === 0n) return 0;
  const scaled = (num * 10n ** 12n) / den;
  return Number(scaled) / 1e12;
};

const ROLLUP_COLS = [
  "orgId",
  "hour",
  "team",
  "feature",
  "provider",
  "model",
  "customer",
  "environment",
  "serviceTier",
  "events",
  "requests",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "costPico",
  "chargeStart",
  "chargeEnd",
  "allocatedMethodId",
  "allocatedMethodDetails",
  "allocatedResourceId",
  "allocatedResourceName",
  "allocatedTags",
] as const;

/** One allocated charge as a row shaped like a rollup row (all literals: COPY takes no parameters). */
function allocationValues(orgId: string, a: FocusAllocation): string {
  const party = quoteLiteral(a.party);
  const cols: Record<(typeof ROLLUP_COLS)[number], string> = {
    orgId: quoteLiteral(orgId),
    hour: ts(a.periodStart),
    team: a.dimension === "team" ? party : "''",
    feature: "''",
    provider: quoteLiteral(a.provider),
    model: quoteLiteral(a.model),
    customer: a.dimension === "customer" ? party : "''",
    environment: "''",
    serviceTier: "''",
    events: "0::bigint",
    requests: `${a.requests}::bigint`,
    inputTokens: `${a.inputTokens}::bigint`,
    outputTokens: `${a.outputTokens}::bigint`,
    cachedInputTokens: `${a.cachedInputTokens}::bigint`,
    cacheWriteTokens: `${a.cacheWriteTokens}::bigint`,
    reasoningTokens: `${a.reasoningTokens}::bigint`,
    costPico: `${a.costPico}::numeric`,
    chargeStart: ts(a.start),
    chargeEnd: ts(a.end),
    allocatedMethodId: quoteLiteral(`burnrate-chargeback-${a.method}`),
    allocatedMethodDetails: json({
      Elements: [
        {
          AllocatedRatio: ratio(a.costPico, a.originPico),
          UsageUnit: a.method === "requests" ? "Requests" : a.method === "tokens" ? "Tokens" : "USD",
        },
      ],
      x_Period: a.period,
      x_Rule: a.method,
      x_AllocatedCostPico: a.costPico.toString(),
      x_OriginCostPico: a.originPico.toString(),
      x_Remainders: "largest remainder, ties by party key",
    }),
    allocatedResourceId: quoteLiteral(`${a.dimension}:${a.party}`),
    allocatedResourceName: party,
    allocatedTags: json({ [a.dimension]: a.party }),
  };
  return `(${ROLLUP_COLS.map((c) => cols[c]).join(", ")})`;
}

/** Prices as a CTE (per token kind, pico per token, tier multiplier): `lp` the catalog's, `cp` the org's custom ones. */
function priceCte(name: "lp" | "cp", prices: readonly ListPrice[]): string {
  const cols = `${name}(provider, model, tier, kind, "from", "to", price, mult, wfrom, wto)`;
  if (prices.length === 0)
    return `${cols} AS (SELECT NULL::text, NULL::text, NULL::text, NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::numeric, NULL::numeric, NULL::int, NULL::int WHERE false)`;
  const values = prices.map(
    (p) =>
      `(${quoteLiteral(p.provider)}, ${quoteLiteral(p.model)}, ${quoteLiteral(p.serviceTier)}, ${quoteLiteral(p.kind)}, ${ts(p.from)}, ${p.to ? ts(p.to) : "NULL::timestamptz"}, ${p.pico}::numeric, ${quoteLiteral(p.multiplier)}::numeric, ${p.window ? `${p.window.fromMinute}::int` : "NULL::int"}, ${p.window ? `${p.window.toMinute}::int` : "NULL::int"})`,
  );
  return `${cols} AS (VALUES ${values.join(",\n  ")})`;
}

/**
 * Whether price row `p` applies to bucket `r`'s kind `v`: same model, tier and kind, in force at the
 * bucket's hour, and either the standard price or a time-of-day window holding the whole hour (a
 * window that starts or ends inside the hour, and allocated rows spanning a period, take the standard
 * price). The caller orders window rows first and takes one.
 */
const priceApplies = (p: string) => `${p}.provider = r.provider AND ${p}.model = r.model AND ${p}.tier = r."serviceTier"
   AND ${p}.kind = v.kind AND r.hour >= ${p}."from" AND (${p}."to" IS NULL OR r.hour < ${p}."to")
   AND (${p}.wfrom IS NULL OR (r."allocatedMethodId" IS NULL AND CASE
        WHEN ${p}.wfrom <= ${p}.wto THEN ${p}.wfrom <= ${HOUR_MINUTE} AND ${HOUR_MINUTE} + 60 <= ${p}.wto
        ELSE ${HOUR_MINUTE} >= ${p}.wfrom OR ${HOUR_MINUTE} + 60 <= ${p}.wto END))`;

/** Prices a kind's tokens are weighed at (the org's custom price where in force, else the catalog's). */
const WEIGHT_CTE = `wp AS (SELECT lp.*, false AS custom FROM lp UNION ALL SELECT cp.*, true FROM cp)`;

const PRICE_LIST_KINDS = {
  input: (p) => p.input,
  output: (p) => p.output,
  "cached-input": (p) => p.cachedInput ?? p.input,
  "cache-write": (p) => p.cacheWrite ?? p.input,
  reasoning: (p) => p.reasoning ?? p.output,
} satisfies Record<FocusKind, (p: RulesOfPeriod["priceLists"][string][string]) => string>;

/**
 * The chargeback rules of the periods as CTEs, whole hours [ps, pe) as the statements read them:
 * `pl` each party's price list per model and token kind (pico per token), `mk` its markup percent.
 */
function chargeRulesCte(periods: readonly RulesOfPeriod[]): string {
  const pl: string[] = [];
  const mk: string[] = [];
  for (const p of periods) {
    const head = `${ts(floorHour(p.start))}, ${ts(floorHour(p.end))}, ${quoteLiteral(p.partyDimension)}`;
    for (const [party, models] of Object.entries(p.priceLists))
      for (const [key, prices] of Object.entries(models)) {
        const slash = key.indexOf("/");
        for (const [kind, price] of Object.entries(PRICE_LIST_KINDS))
          pl.push(
            `(${head}, ${quoteLiteral(party)}, ${quoteLiteral(key.slice(0, slash))}, ${quoteLiteral(key.slice(slash + 1))}, '${kind}', ${perMillionToPicoPerToken(price(prices))}::numeric)`,
          );
      }
    for (const [party, percent] of Object.entries(p.markups))
      mk.push(`(${head}, ${quoteLiteral(party)}, ${quoteLiteral(percent)})`);
  }
  const empty = (cols: string) => `SELECT ${cols} WHERE false`;
  return [
    `pl(ps, pe, dim, party, provider, model, kind, price) AS (${
      pl.length
        ? `VALUES ${pl.join(",\n  ")}`
        : empty(
            "NULL::timestamptz, NULL::timestamptz, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::numeric",
          )
    })`,
    `mk(ps, pe, dim, party, percent) AS (${
      mk.length
        ? `VALUES ${mk.join(",\n  ")}`
        : empty("NULL::timestamptz, NULL::timestamptz, NULL::text, NULL::text, NULL::text")
    })`,
  ].join(",\n");
}

/**
 * One row per token kind of a bucket `r` (kinds with tokens; the first kind when it has none),
 * the bucket's exact cost split among them in proportion to their cost at the organisation's own
 * price (its custom price where one is in force, else the catalog's; their tokens when a kind has
 * neither), largest remainder, ties to the earlier kind, so the rows add up to the bucket's cost
 * exactly. A discount takes the same percent off every kind, so it keeps the proportions: with the
 * standard price in force all hour, each kind's share is its own cost exactly. `listPico` is the
 * kind's catalog cost (exact, null without one).
 */
const SPLIT_BY_KIND = `SELECT l4.ord, l4.kind, l4.tokens, l4.first, l4.list AS "listPico",
       CASE WHEN l4.wsum > 0 THEN sign(r."costPico") * (l4.fl + CASE WHEN l4.rk <= l4.leftover THEN 1 ELSE 0 END)
            WHEN l4.ord = l4.first THEN r."costPico" ELSE 0 END AS "effPico"
  FROM (SELECT l3.*, abs(r."costPico") - sum(l3.fl) OVER () AS leftover,
               row_number() OVER (ORDER BY l3.rem DESC, l3.ord) AS rk
    FROM (SELECT l2.*,
                 CASE WHEN l2.wsum > 0 THEN div(abs(r."costPico") * l2.weight, l2.wsum) ELSE 0 END AS fl,
                 CASE WHEN l2.wsum > 0 THEN mod(abs(r."costPico") * l2.weight, l2.wsum) ELSE 0 END AS rem
      FROM (SELECT l1.*, sum(l1.weight) OVER () AS wsum, min(l1.ord) OVER () AS first
        FROM (SELECT l0.*,
                     CASE WHEN bool_and(l0.own IS NOT NULL) OVER () AND sum(l0.own) OVER () > 0
                          THEN l0.own ELSE l0.tokens::numeric END AS weight
          FROM (SELECT v.ord, v.kind, v.tokens, v.tokens * lq.price AS list, v.tokens * wq.price AS own
                  FROM (VALUES ${FOCUS_TOKEN_KINDS.map(([col, kind], i) => `(${i + 1}, '${kind}', r."${col}")`).join(", ")})
                       AS v(ord, kind, tokens)
                  LEFT JOIN LATERAL (SELECT l.price * l.mult AS price FROM lp l WHERE ${priceApplies("l")}
                                      ORDER BY l.wfrom IS NULL LIMIT 1) lq ON true
                  LEFT JOIN LATERAL (SELECT w.price * w.mult AS price FROM wp w WHERE ${priceApplies("w")}
                                      ORDER BY w.custom DESC, w.wfrom IS NULL LIMIT 1) wq ON true
                 WHERE v.tokens <> 0
                    OR (v.ord = 1 AND ${FOCUS_TOKEN_KINDS.map(([col]) => `r."${col}" = 0`).join(" AND ")})) l0) l1) l2) l3) l4`;

/**
 * The SQL of the export (COPY cannot take parameters: values are quoted literals). Direct usage
 * rows come from the rollups; shared rows in the windows the plan replaces are left out and the
 * plan's allocated charges are appended instead (see focus-allocations.ts).
 */
export function focusCopySql(
  orgId: string,
  timeZone: string,
  from: Date,
  to: Date,
  plan: AllocationPlan = { allocations: [], replaced: [] },
  prices: { list: readonly ListPrice[]; custom: readonly ListPrice[] } = { list: [], custom: [] },
  chargeRules: readonly RulesOfPeriod[] = [],
): string {
  // Placeholders are filled before any party name goes in (a name may contain "$1").
  const fill = (sql: string) =>
    sql
      .replaceAll("$1", () => quoteLiteral(orgId))
      .replaceAll("$2", () => quoteLiteral(floorHour(from).toISOString()))
      .replaceAll("$3", () => quoteLiteral(timeZone))
      .replaceAll("$4", () => quoteLiteral(to.toISOString()));
  const select = fill(FOCUS_COLUMNS.map(([name, sql]) => `${sql} AS "${name}"`).join(",\n  "));
  const replaced = plan.replaced
    .map((w) => ` AND NOT (r."${w.column}" = '' AND r.hour >= ${ts(w.start)} AND r.hour < ${ts(w.end)})`)
    .join("");
  const rollups = `SELECT s.*, s.hour AS "chargeStart", s.hour + interval '1 hour' AS "chargeEnd",
       NULL::text AS "allocatedMethodId", NULL::text AS "allocatedMethodDetails", NULL::text AS "allocatedResourceId",
       NULL::text AS "allocatedResourceName", NULL::text AS "allocatedTags" FROM spend_rollups s`;
  // Rows in the primary key's order: an index scan, no sort of millions of rows; the allocated
  // charges (a few per period and party) follow.
  const direct = fill(`SELECT ${select}
  FROM (${rollups}) r JOIN organizations o ON o.id = r."orgId"
 CROSS JOIN LATERAL (${SPLIT_BY_KIND}) k
 WHERE r."orgId" = $1 AND r.hour >= $2::timestamptz AND r.hour < $4::timestamptz${replaced}
 ORDER BY r."orgId", r.hour, r.team, r.feature, r.provider, r.model, r.customer, r.environment, r."serviceTier", k.ord`);
  const allocated =
    plan.allocations.length === 0
      ? ""
      : `
 UNION ALL
(SELECT ${select}
  FROM (VALUES ${plan.allocations.map((a) => allocationValues(orgId, a)).join(",\n  ")})
       AS r(${ROLLUP_COLS.map((c) => `"${c}"`).join(", ")})
  JOIN organizations o ON o.id = r."orgId"
 CROSS JOIN LATERAL (${SPLIT_BY_KIND}) k
 ORDER BY r.hour, r."allocatedResourceId", k.ord)`;
  const ctes = [priceCte("lp", prices.list), priceCte("cp", prices.custom), WEIGHT_CTE, chargeRulesCte(chargeRules)];
  return `COPY (WITH ${ctes.join(",\n")}\n(${direct})${allocated})\n TO STDOUT WITH (FORMAT csv, HEADER true)`;
}

/**
 * The organisation's FOCUS 1.2 export of [from, to) as a CSV byte stream straight from Postgres
 * (COPY … TO STDOUT, FORMAT csv): Postgres formats and quotes each row, the stream carries it
 * with backpressure, so memory stays constant whatever the number of rows. The rows are the hourly
 * rollups the spend API reads: BilledCost adds up to the spend API's total for the same range.
 * The pool connection is released when the stream ends, fails or is destroyed (client gone).
 */
export async function focusExportStream(orgId: string, from: Date, to: Date): Promise<Readable> {
  const pool = pgPool();
  const settings = await getChargebackSettings(orgId);
  const [plan, prices, chargeRules] = await Promise.all([
    planFocusAllocations(orgId, from, to),
    listPricesFor(orgId, from, to),
    rulesOfPeriods(orgId, from, to),
  ]);
  const client = await pool.connect();
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  const stream = client.query(copyTo(focusCopySql(orgId, settings.timeZone, from, to, plan, prices, chargeRules)));
  stream.on("end", () => release());
  stream.on("error", (err) => release(err));
  stream.on("close", () => release(stream.readableEnded ? undefined : new Error("export stream closed early")));
  return stream;
}

export const focusFileName = (from: Date, to: Date) =>
  `burnrate-focus-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv`;
