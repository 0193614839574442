import { pgPool } from "@/lib/db/pg-pool";
import { HOUR_MS } from "./detect-series";
import type { Monitor } from "./refresh-monitors";

/**
 * Hourly spend (pico-dollars) of every monitor over [from, to), one array per monitor id, from the
 * hourly rollups in one statement (GROUPING SETS: total, team, feature, model, customer) and, for
 * apiKey monitors, from api_key_spend (hourly spend per key). The current hour is in the rollups as far as it is folded.
 */
export async function loadMonitorSeries(
  orgId: string,
  monitors: Monitor[],
  from: Date,
  to: Date,
): Promise<Map<string, bigint[]>> {
  const n = Math.round((to.getTime() - from.getTime()) / HOUR_MS);
  const out = new Map<string, bigint[]>();
  const byKey = new Map<string, bigint[]>();
  for (const m of monitors) {
    const values = new Array<bigint>(n).fill(0n);
    out.set(m.id, values);
    byKey.set(`${m.dimension}\u0000${m.value}`, values);
  }
  const { rows } = await pgPool().query<{ hour: Date; dimension: string; value: string; cost: string }>(
    `SELECT hour,
            CASE WHEN GROUPING(team) = 0 THEN 'team' WHEN GROUPING(feature) = 0 THEN 'feature'
                 WHEN GROUPING(model) = 0 THEN 'model' WHEN GROUPING(customer) = 0 THEN 'customer' ELSE 'org' END AS dimension,
            coalesce(team, feature, model, customer, '') AS value,
            sum("costPico")::text AS cost
       FROM spend_rollups
      WHERE "orgId" = $1 AND hour >= $2 AND hour < $3
      GROUP BY GROUPING SETS ((hour), (hour, team), (hour, feature), (hour, model), (hour, customer))`,
    [orgId, from, to],
  );
  const put = (hour: Date, dimension: string, value: string, cost: string) => {
    const values = byKey.get(`${dimension}\u0000${value}`);
    if (!values) return;
    const i = Math.round((hour.getTime() - from.getTime()) / HOUR_MS);
    if (i >= 0 && i < n) values[i] = values[i]! + BigInt(cost);
  };
  for (const r of rows) put(r.hour, r.dimension, r.value, r.cost);
  const keys = monitors.filter((m) => m.dimension === "apiKey").map((m) => m.value);
  if (keys.length) {
    const perKey = await pgPool().query<{ hour: Date; value: string; cost: string }>(
      `SELECT hour, "apiKeyId" AS value, "costPico"::text AS cost FROM api_key_spend
        WHERE "orgId" = $1 AND hour >= $2 AND hour < $3 AND "apiKeyId" = ANY($4::text[])`,
      [orgId, from, to, keys],
    );
    for (const r of perKey.rows) put(r.hour, "apiKey", r.value, r.cost);
  }
  return out;
}
