import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { MAX_MONITORS, MAX_PER_DIMENSION, MIN_MONITOR_SPEND_PICO, type MonitorKey } from "./monitor-dimensions";

export type Monitor = MonitorKey & { id: string; thresholdScale: number };

const DAY = 86_400_000;

/**
 * The organisation's monitors for this run: the total, and the top values of team, feature,
 * model and customer (28-day spend from the daily rollups) and of apiKey (from api_key_spend, kept
 * for every organisation), at most MAX_PER_DIMENSION per dimension and MAX_MONITORS
 * in all, each with at least MIN_MONITOR_SPEND_PICO. New ones are created; ones that fell out of
 * the top are deactivated (their feedback is kept should they return).
 */
export async function refreshMonitors(orgId: string, now: Date): Promise<Monitor[]> {
  const since = new Date(Math.floor(now.getTime() / DAY) * DAY - 28 * DAY);
  const { rows } = await pgPool().query<{ dimension: string; value: string; spend: string }>(
    `WITH ranked AS (
       SELECT d AS dimension, v AS value, sum(c) AS spend,
              row_number() OVER (PARTITION BY d ORDER BY sum(c) DESC, v) AS rank
         FROM (SELECT unnest(ARRAY['team','feature','model','customer']) AS d,
                      unnest(ARRAY[team, feature, model, customer]) AS v, "costPico" AS c
                 FROM spend_rollups_daily WHERE "orgId" = $1 AND day >= $2
               UNION ALL
               SELECT 'apiKey', "apiKeyId", "costPico" FROM api_key_spend WHERE "orgId" = $1 AND hour >= $2) s
        WHERE v <> ''
        GROUP BY d, v)
     SELECT dimension, value, spend::text FROM ranked
      WHERE rank <= $3 AND spend >= $4
      ORDER BY spend DESC, dimension, value
      LIMIT $5`,
    [orgId, since, MAX_PER_DIMENSION, MIN_MONITOR_SPEND_PICO.toString(), MAX_MONITORS - 1],
  );
  const wanted: MonitorKey[] = [{ dimension: "org", value: "" }, ...(rows as MonitorKey[])];
  await db().anomalyMonitor.createMany({
    data: wanted.map((m) => ({ orgId, dimension: m.dimension, value: m.value })),
    skipDuplicates: true,
  });
  const all = await db().anomalyMonitor.findMany({
    where: { orgId },
    select: { id: true, dimension: true, value: true, active: true, thresholdScale: true },
  });
  const key = (m: MonitorKey) => `${m.dimension}\u0000${m.value}`;
  const wantedKeys = new Set(wanted.map(key));
  const flip = all.filter((m) => m.active !== wantedKeys.has(key(m as MonitorKey)));
  for (const m of flip)
    await db().anomalyMonitor.update({ where: { orgId_id: { orgId, id: m.id } }, data: { active: !m.active } });
  return all
    .filter((m) => wantedKeys.has(key(m as MonitorKey)))
    .map((m) => ({
      id: m.id,
      dimension: m.dimension as Monitor["dimension"],
      value: m.value,
      thresholdScale: m.thresholdScale,
    }));
}
