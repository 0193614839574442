import type { Readable } from "node:stream";
import { z } from "zod";
import { to as copyTo } from "pg-copy-streams";
import { pgPool } from "@/lib/db/pg-pool";
import { floorHour } from "@/lib/budgets/budget-period";
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

/** The SQL of the export (COPY cannot take parameters: values are quoted literals, never user text but ids/dates). */
export function focusCopySql(orgId: string, timeZone: string, from: Date, to: Date): string {
  const select = FOCUS_COLUMNS.map(([name, sql]) => `${sql} AS "${name}"`).join(",\n  ");
  // Rows in the primary key's order: an index scan, no sort of millions of rows.
  return `COPY (SELECT ${select}
  FROM spend_rollups r JOIN organizations o ON o.id = r."orgId"
 WHERE r."orgId" = $1 AND r.hour >= $2::timestamptz AND r.hour < $4::timestamptz
 ORDER BY r."orgId", r.hour, r.team, r.feature, r.provider, r.model, r.customer, r.environment, r."serviceTier")
 TO STDOUT WITH (FORMAT csv, HEADER true)`
    .replaceAll("$1", () => quoteLiteral(orgId))
    .replaceAll("$2", () => quoteLiteral(floorHour(from).toISOString()))
    .replaceAll("$3", () => quoteLiteral(timeZone))
    .replaceAll("$4", () => quoteLiteral(to.toISOString()));
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
  const { rows } = await pool.query<{ timeZone: string }>(`SELECT "timeZone" FROM organizations WHERE id = $1`, [
    orgId,
  ]);
  const timeZone = rows[0]?.timeZone ?? "UTC";
  const client = await pool.connect();
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  const stream = client.query(copyTo(focusCopySql(orgId, timeZone, from, to)));
  stream.on("end", () => release());
  stream.on("error", (err) => release(err));
  stream.on("close", () => release(stream.readableEnded ? undefined : new Error("export stream closed early")));
  return stream;
}

export const focusFileName = (from: Date, to: Date) =>
  `burnrate-focus-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv`;
