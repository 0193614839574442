import { pgPool } from "@/lib/db/pg-pool";
import { q } from "./bucket-sql";
import { type ScopedColumn, scopedKeySql } from "./scoped-spend-sql";

export type ScopedSpendQuery = {
  from: Date;
  to: Date;
  /** Equality filters on scoped_spend columns. */
  filters: Partial<Record<ScopedColumn, string>>;
  /** One column to group by (its values, "" included), or none. */
  groupBy?: ScopedColumn;
  /** Per UTC hour as well (forecast profiles, previews). */
  hourly?: boolean;
};

/**
 * Exact spend (pico) from scoped_spend in [from, to) (UTC hours), per value of `groupBy` ("" when
 * none) and, if `hourly`, per hour (epoch ms; 0 otherwise). Only non-zero sums are returned.
 * Column names come from SCOPED_KEY only, never from input.
 */
export async function queryScopedSpend(
  orgId: string,
  query: ScopedSpendQuery,
): Promise<{ value: string; hour: number; pico: bigint }[]> {
  const params: unknown[] = [orgId, query.from, query.to];
  const where = [`"orgId" = $1`, `"hour" >= $2`, `"hour" < $3`];
  for (const [col, value] of Object.entries(query.filters)) {
    params.push(value);
    where.push(`${q(col)} = $${params.length}`);
  }
  const group = [query.groupBy ? q(query.groupBy) : `''::text`, query.hourly ? `"hour"` : `NULL::timestamptz`];
  const { rows } = await pgPool().query<{ value: string; hour: Date | null; pico: string }>(
    `SELECT ${group[0]} AS value, ${group[1]} AS hour, sum("costPico")::text AS pico FROM scoped_spend
      WHERE ${where.join(" AND ")} GROUP BY 1, 2 HAVING sum("costPico") <> 0 ORDER BY 1, 2`,
    params,
  );
  return rows.map((r) => ({ value: r.value, hour: r.hour?.getTime() ?? 0, pico: BigInt(r.pico) }));
}

/**
 * The same figures read from the raw events, for an organisation that does not keep scoped spend
 * yet (the preview of its first endUser/apiKey budget, before saving it fills scoped_spend). Bounded
 * by the period asked: one index range of usage_events per organisation.
 */
export async function queryScopedSpendFromEvents(
  orgId: string,
  query: ScopedSpendQuery,
): Promise<{ value: string; hour: number; pico: bigint }[]> {
  const key = scopedKeySql();
  const params: unknown[] = [orgId, query.from, query.to];
  const where = [`"orgId" = $1`, `"timestamp" >= $2`, `"timestamp" < $3`, `"costPico" IS NOT NULL`];
  for (const [col, value] of Object.entries(query.filters)) {
    params.push(value);
    where.push(`${key[col as ScopedColumn]} = $${params.length}`);
  }
  const group = [query.groupBy ? key[query.groupBy] : `''::text`, query.hourly ? key.hour : `NULL::timestamptz`];
  const { rows } = await pgPool().query<{ value: string; hour: Date | null; pico: string }>(
    `SELECT ${group[0]} AS value, ${group[1]} AS hour, sum("costPico")::text AS pico FROM usage_events
      WHERE ${where.join(" AND ")} GROUP BY 1, 2 HAVING sum("costPico") <> 0 ORDER BY 1, 2`,
    params,
  );
  return rows.map((r) => ({ value: r.value, hour: r.hour?.getTime() ?? 0, pico: BigInt(r.pico) }));
}
