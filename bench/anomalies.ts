// Anomaly worker benchmark (not a test): `npm run bench:anomalies`. Makes a scratch database on the
// server of DATABASE_URL (default local), migrates it, writes 55 days of hourly rollups for one
// organisation (BENCH_ROWS_PER_HOUR groups an hour, default 200, over 50 teams, features, models and
// customers: 199 monitors + the total = 200), then times BENCH_RUNS (7) runs of the worker's
// evaluation of that organisation (evaluateOrgAnomalies: monitors, series, detection, root causes,
// writes). Prints the median and max per phase; drops the database afterwards.
import { randomBytes } from "node:crypto";
import { DEFAULT_SERVER_URL, dropDatabase, ensureDatabase, withDatabase } from "../scripts/db-admin";
import { migrateDeploy } from "../scripts/migrate-deploy";
import { benchEnv, dropRedisPrefix, percentile } from "./support";

benchEnv();
const rowsPerHour = Number(process.env.BENCH_ROWS_PER_HOUR ?? 200);
const runs = Number(process.env.BENCH_RUNS ?? 7);

async function main() {
  const id = randomBytes(4).toString("hex");
  const databaseUrl = withDatabase(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL, `burnrate_bench_anomalies_${id}`);
  await ensureDatabase(databaseUrl);
  await migrateDeploy(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  process.env.QUEUE_PREFIX = `brbench_${id}`;
  const { pgPool, closePgPool } = await import("@/lib/db/pg-pool");
  const { disconnectDb } = await import("@/lib/db");
  const { evaluateOrgAnomalies } = await import("@/lib/anomalies");
  const { closeQueues } = await import("@/lib/queue/enqueue");
  try {
    const orgId = `bench_${id}`;
    await pgPool().query(`INSERT INTO organizations (id, slug, name) VALUES ($1, $1, 'anomaly bench')`, [orgId]);
    const now = new Date();
    const start = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 55 * 86_400_000);
    // Weekly rhythm × noise per group; costs in pico-dollars.
    await pgPool().query(
      `INSERT INTO spend_rollups ("orgId", hour, team, feature, provider, model, customer, environment, "serviceTier",
         events, requests, "inputTokens", "outputTokens", "costPico")
       SELECT $1, h, 'team-' || (g % 50), 'feature-' || ((g * 7) % 50), 'openai', 'model-' || ((g * 13) % 50),
              'customer-' || ((g * 17) % 50), 'env-' || (g / 50), 'standard', 10, 10, 10000, 1000,
              ((1 + g % 5) * (CASE WHEN extract(hour FROM h) BETWEEN 9 AND 17 THEN 3 ELSE 1 END)
                * (CASE WHEN extract(isodow FROM h) >= 6 THEN 0.5 ELSE 1 END) * (0.9 + random() * 0.2) * 1e12)::numeric(38,0)
         FROM generate_series($2::timestamptz, $3::timestamptz, interval '1 hour') h, generate_series(0, $4 - 1) g`,
      [orgId, start, now, rowsPerHour],
    );
    await pgPool().query(
      `INSERT INTO spend_rollups_daily ("orgId", day, team, feature, provider, model, customer, environment, "serviceTier",
         events, requests, "inputTokens", "outputTokens", "costPico")
       SELECT "orgId", date_trunc('day', hour, 'UTC'), team, feature, provider, model, customer, environment, "serviceTier",
              sum(events), sum(requests), sum("inputTokens"), sum("outputTokens"), sum("costPico")
         FROM spend_rollups WHERE "orgId" = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
      [orgId],
    );
    const { rows } = await pgPool().query<{ n: string }>(
      `SELECT count(*)::text AS n FROM spend_rollups WHERE "orgId" = $1`,
      [orgId],
    );
    console.log(`rollup rows: ${rows[0]!.n} (${rowsPerHour} groups an hour, 55 days)`);
    const totals: number[] = [];
    const phases: Record<string, number[]> = {};
    let monitors = 0;
    for (let i = 0; i < runs; i++) {
      const out = await evaluateOrgAnomalies(orgId, now);
      monitors = out.monitors;
      totals.push(out.ms.total);
      for (const [k, v] of Object.entries(out.ms)) {
        phases[k] ??= [];
        phases[k].push(v);
      }
      console.log(`run ${i + 1}: ${JSON.stringify(out)}`);
    }
    const med = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    console.log(
      JSON.stringify({
        monitors,
        runs,
        medianMs: med(totals),
        maxMs: Math.max(...totals),
        medianByPhaseMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, med(v)])),
      }),
    );
  } finally {
    await closeQueues();
    await closePgPool();
    await disconnectDb();
    await dropDatabase(databaseUrl);
    await dropRedisPrefix(`brbench_${id}`);
  }
}

await main();
