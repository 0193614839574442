// Spend query benchmark (not a test): `npm run bench:query` (DATABASE_URL; BENCH_EVENTS default 10,000,000).
// Seeds one organisation with BENCH_EVENTS raw events over 30 days (generate_series, 1M per statement),
// builds its hourly rollups with the same bucket SQL the worker uses, then times the 30-day spend query
// grouped by team from the rollups (p50/p95 of 50 runs) beside the same answer computed from raw events.
import { randomUUID } from "node:crypto";
import { disconnectDb } from "@/lib/db";
import { closePgPool, pgPool } from "@/lib/db/pg-pool";
import { querySpend } from "@/lib/rollups/query-spend";
import { spendQuerySchema } from "@/lib/rollups/spend-query";
import { bucketKeySql, measureSumsSql, q } from "@/lib/rollups/bucket-sql";
import { DIMENSIONS, MEASURES } from "@/lib/usage";
import { benchEnv, percentile } from "./support";

benchEnv();

const total = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const CHUNK = 1_000_000;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function seed(orgId: string) {
  const pool = pgPool();
  await pool.query(`INSERT INTO organizations (id, slug, name) VALUES ($1, $2, 'Query bench')`, [
    orgId,
    `bench-${orgId.slice(0, 8)}`,
  ]);
  for (let start = 0; start < total; start += CHUNK) {
    const n = Math.min(CHUNK, total - start);
    const [, ms] = await timed(() =>
      pool.query(
        `INSERT INTO usage_events ("orgId", "eventId", "timestamp", provider, model, "pricedModel", "inputTokens", "outputTokens",
                                   team, feature, customer, environment, "costPico", priced)
         SELECT $1, 'e' || g, now() - ((g % 2592000) || ' seconds')::interval, 'openai',
                (ARRAY['gpt-4o','gpt-4o-mini','gpt-4.1-mini','o3'])[1 + g % 4], NULL, 500 + g % 4000, 50 + g % 900,
                'team-' || (g % 12), 'feature-' || (g % 40), 'customer-' || (g % 200), 'production', 1000000 + g % 9000000, true
           FROM generate_series($2::bigint, $3::bigint) g`,
        [orgId, start, start + n - 1],
      ),
    );
    console.log(`seeded ${start + n} events (${(n / (ms / 1000)).toFixed(0)} rows/s)`);
  }
  const key = bucketKeySql();
  const sums = measureSumsSql();
  const build = (table: string, bucket: string, bucketExpr: string) =>
    pool.query(
      `INSERT INTO ${table} ("orgId", ${q(bucket)}, ${DIMENSIONS.map(q).join(", ")}, ${MEASURES.map(q).join(", ")})
       SELECT $1, ${bucketExpr}, ${DIMENSIONS.map((c) => key[c]).join(", ")}, ${MEASURES.map((m) => sums[m]).join(", ")}
         FROM usage_events WHERE "orgId" = $1 GROUP BY ${[bucket, ...DIMENSIONS].map((_, i) => i + 2).join(", ")}`,
      [orgId],
    );
  const [, ms] = await timed(async () => {
    await build("spend_rollups", "hour", key.hour);
    await build("spend_rollups_daily", "day", `date_trunc('day', "timestamp", 'UTC')`);
  });
  await pool.query(`ANALYZE usage_events; ANALYZE spend_rollups; ANALYZE spend_rollups_daily`);
  console.log(`rollups built in ${(ms / 1000).toFixed(1)} s`);
}

async function main() {
  const orgId = `bench_${randomUUID()}`;
  await seed(orgId);
  const query = spendQuerySchema.parse({ groupBy: "team", granularity: "day" });
  const runs: number[] = [];
  let answer: Awaited<ReturnType<typeof querySpend>> | undefined;
  for (let i = 0; i < 50; i++) {
    const [r, ms] = await timed(() => querySpend({ orgId }, query));
    runs.push(ms);
    answer = r;
  }
  runs.sort((a, b) => a - b);
  const raw: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [, ms] = await timed(() =>
      pgPool().query(
        `SELECT date_trunc('day', "timestamp", 'UTC') t, team, sum("costPico") FROM usage_events
          WHERE "orgId" = $1 AND "timestamp" >= $2 AND "timestamp" < $3 GROUP BY 1, 2`,
        [orgId, query.from, query.to],
      ),
    );
    raw.push(ms);
  }
  raw.sort((a, b) => a - b);
  console.log(`events: ${total}, series: ${answer?.series.length}, total cost: $${answer?.total.cost}`);
  console.log(
    `30-day spend by team from rollups: p50 ${percentile(runs, 50).toFixed(1)} ms, p95 ${percentile(runs, 95).toFixed(1)} ms (50 runs)`,
  );
  console.log(
    `same query on raw events: p50 ${percentile(raw, 50).toFixed(0)} ms, p95 ${percentile(raw, 95).toFixed(0)} ms (5 runs)`,
  );
  if (process.env.BENCH_KEEP !== "1") {
    await pgPool().query(`DELETE FROM spend_rollups WHERE "orgId" = $1`, [orgId]);
    await pgPool().query(`DELETE FROM spend_rollups_daily WHERE "orgId" = $1`, [orgId]);
    await pgPool().query(`DELETE FROM usage_events WHERE "orgId" = $1`, [orgId]);
    await pgPool().query(`DELETE FROM organizations WHERE id = $1`, [orgId]);
  }
  await closePgPool();
  await disconnectDb();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
