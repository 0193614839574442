import type { Readable } from "node:stream";
import { z } from "zod";
import { to as copyTo } from "pg-copy-streams";
import { pgPool } from "@/lib/db/pg-pool";
import { floorHour } from "@/lib/budgets/budget-period";
import { getChargebackSettings } from "@/lib/chargeback/settings";
import { type AllocationPlan, type FocusAllocation, planFocusAllocations } from "./focus-allocations";
import { FOCUS_COLUMNS } from "./focus-columns";

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
  partyColumn: "team" | "customer" = "team",
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
    .map((w) => ` AND NOT (r."${partyColumn}" = '' AND r.hour >= ${ts(w.start)} AND r.hour < ${ts(w.end)})`)
    .join("");
  const rollups = `SELECT s.*, s.hour AS "chargeStart", s.hour + interval '1 hour' AS "chargeEnd",
       NULL::text AS "allocatedMethodId", NULL::text AS "allocatedMethodDetails", NULL::text AS "allocatedResourceId",
       NULL::text AS "allocatedResourceName", NULL::text AS "allocatedTags" FROM spend_rollups s`;
  // Rows in the primary key's order: an index scan, no sort of millions of rows; the allocated
  // charges (a few per period and party) follow.
  const direct = fill(`SELECT ${select}
  FROM (${rollups}) r JOIN organizations o ON o.id = r."orgId"
 WHERE r."orgId" = $1 AND r.hour >= $2::timestamptz AND r.hour < $4::timestamptz${replaced}
 ORDER BY r."orgId", r.hour, r.team, r.feature, r.provider, r.model, r.customer, r.environment, r."serviceTier"`);
  const allocated =
    plan.allocations.length === 0
      ? ""
      : `
 UNION ALL
(SELECT ${select}
  FROM (VALUES ${plan.allocations.map((a) => allocationValues(orgId, a)).join(",\n  ")})
       AS r(${ROLLUP_COLS.map((c) => `"${c}"`).join(", ")})
  JOIN organizations o ON o.id = r."orgId"
 ORDER BY r.hour, r."allocatedResourceId")`;
  return `COPY ((${direct})${allocated})\n TO STDOUT WITH (FORMAT csv, HEADER true)`;
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
  const plan = await planFocusAllocations(orgId, from, to);
  const client = await pool.connect();
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  const stream = client.query(copyTo(focusCopySql(orgId, settings.timeZone, from, to, plan, settings.partyDimension)));
  stream.on("end", () => release());
  stream.on("error", (err) => release(err));
  stream.on("close", () => release(stream.readableEnded ? undefined : new Error("export stream closed early")));
  return stream;
}

export const focusFileName = (from: Date, to: Date) =>
  `burnrate-focus-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv`;
