// The ingest statement alone (no HTTP, no app): `DATABASE_URL=… tsx bench/ingest-sql.ts`.
// For a loaded machine where `npm run bench:ingest` against `npm start` measures the load, not the code.
// Inserts BENCH_BATCHES (200) batches of BENCH_BATCH (1000) events through insertEvents, one client,
// for a fresh organisation, and prints events/s and p50/p99 batch latency. BENCH_SCOPED=1 first turns
// on the organisation's scoped spend (as an endUser/apiKey budget does).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import type { EventRow } from "@/lib/ingest/event-row";
import { insertEvents } from "@/lib/ingest/insert-events";

const batches = Number(process.env.BENCH_BATCHES ?? 200);
const size = Number(process.env.BENCH_BATCH ?? 1000);
const scoped = process.env.BENCH_SCOPED === "1";

const row = (i: number): EventRow => ({
  eventId: randomUUID(),
  timestamp: new Date(Date.now() - (i % 7200) * 1000),
  provider: "openai",
  model: "gpt-4o",
  pricedModel: "openai/gpt-4o",
  inputTokens: 1000,
  outputTokens: 200,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  cacheTtl: null,
  reasoningTokens: 0,
  requests: 1,
  images: 0,
  audioMillis: 0,
  serviceTier: "standard",
  team: `team-${i % 5}`,
  feature: `f-${i % 7}`,
  customer: `c-${i % 50}`,
  environment: "prod",
  endUser: `u-${i % 5000}`,
  tags: null,
  latencyMs: 100,
  status: "success",
  requestId: null,
  reservationId: null,
  costPico: 4_500_000_000n,
  reportedCostPico: null,
  costMismatch: false,
});

async function main() {
  const org = await db().organization.create({ data: { slug: `bench-${randomUUID().slice(0, 8)}`, name: "bench" } });
  if (scoped) await pgPool().query(`UPDATE organizations SET "tracksScopedSpend" = true WHERE id = $1`, [org.id]);
  const all = Array.from({ length: batches }, (_, b) => Array.from({ length: size }, (_, i) => row(b * size + i)));
  await insertEvents(org.id, all[0]!); // warm up (prepared statement)
  const times: number[] = [];
  const t0 = performance.now();
  for (const batch of all.slice(1)) {
    const t = performance.now();
    await insertEvents(org.id, batch);
    times.push(performance.now() - t);
  }
  const secs = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
  console.log(
    `scoped=${scoped} events/s=${Math.round(((batches - 1) * size) / secs)} p50=${pct(50)}ms p99=${pct(99)}ms batches=${batches - 1}x${size}`,
  );
  await pgPool().end();
  process.exit(0);
}
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
