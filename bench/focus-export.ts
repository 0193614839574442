// FOCUS export benchmark (not a test): `npm run bench:focus-export` (DATABASE_URL; BENCH_ROWS default 5,000,000).
// Seeds one organisation with BENCH_ROWS hourly rollup rows (generate_series, 1M per statement; the export
// reads spend_rollups), then streams the FOCUS 1.2 CSV of the whole range through lib/exports exactly as
// the route does, discarding the bytes, and reports rows/s, MB/s and this process's peak RSS (VmHWM)
// sampled against its RSS before the export: constant memory means the peak does not grow with rows.
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { disconnectDb } from "@/lib/db";
import { closePgPool, pgPool } from "@/lib/db/pg-pool";
import { focusExportStream } from "@/lib/exports";
import { benchEnv, peakRssMb } from "./support";

benchEnv();

const total = Number(process.env.BENCH_ROWS ?? 5_000_000);
const CHUNK = 1_000_000;
const mb = (b: number) => Math.round(b / 1024 / 1024);

async function seed(orgId: string) {
  const pool = pgPool();
  await pool.query(`INSERT INTO organizations (id, slug, name) VALUES ($1, $2, 'Export bench, "quoted", =name')`, [
    orgId,
    `bench-${orgId.slice(0, 8)}`,
  ]);
  // 5M distinct buckets: hour x (team, feature, model, customer) combinations over ~1 year.
  for (let start = 0; start < total; start += CHUNK) {
    const n = Math.min(CHUNK, total - start);
    const t0 = performance.now();
    await pool.query(
      `INSERT INTO spend_rollups ("orgId", hour, team, feature, provider, model, customer, environment, "serviceTier",
                                  events, requests, "inputTokens", "outputTokens", "costPico")
       SELECT $1, timestamptz '2025-12-01 00:00:00+00' + ((g / 600) || ' hours')::interval,
              'team-' || (g % 12), 'feature, "' || (g % 50) || '"', 'openai',
              (ARRAY['gpt-4o','gpt-4o-mini','gpt-4.1-mini','o3'])[1 + g % 4], 'customer-' || (g % 600 / 12), 'production', 'standard',
              1 + g % 7, 1 + g % 7, 500 + g % 4000, 50 + g % 900, 1000000 + g % 9000000
         FROM generate_series($2::bigint, $3::bigint) g`,
      [orgId, start, start + n - 1],
    );
    console.log(`seeded ${start + n} rows (${Math.round(performance.now() - t0)} ms)`);
  }
}

async function main() {
  const orgId = `bench_${randomUUID()}`;
  await seed(orgId);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let bytes = 0;
  let lines = 0;
  let maxRss = before;
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
  }, 100);
  const t0 = performance.now();
  const stream = await focusExportStream(orgId, new Date("2025-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"));
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        done();
      },
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  // Rows = lines - header (a quoted field here holds no newline, so lines are rows).
  const rows = lines - 1;
  console.log(
    JSON.stringify(
      {
        rows,
        seconds: Math.round(seconds * 10) / 10,
        rowsPerSecond: Math.round(rows / seconds),
        megabytes: mb(bytes),
        megabytesPerSecond: Math.round(mb(bytes) / seconds),
        rssBeforeExportMb: mb(before),
        rssPeakDuringExportMb: mb(maxRss),
        processPeakRssMb: peakRssMb(process.pid),
      },
      null,
      2,
    ),
  );
  await pgPool().query(`DELETE FROM spend_rollups WHERE "orgId" = $1`, [orgId]);
  await pgPool().query(`DELETE FROM organizations WHERE id = $1`, [orgId]);
  await closePgPool();
  await disconnectDb();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
