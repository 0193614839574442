// Ingest benchmark (not a test): `npm run bench:ingest` against a running app (`npm start`).
//   BURNRATE_URL (default http://127.0.0.1:3000), DATABASE_URL of that app, BENCH_CLIENTS (8),
//   BENCH_SECONDS (20), BENCH_BATCH (1000).
// Prints events/s, p50/p99 batch latency, the app's peak RSS, and the rate of a raw COPY of the
// same rows into the same Postgres, and the ratio of the two.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { disconnectDb } from "@/lib/db";
import { signUp } from "@/lib/tenancy/sign-up";
import { userContext } from "@/lib/tenancy/context";
import { peakRssMb, percentile, pidOnPort } from "./support";

const base = process.env.BURNRATE_URL ?? "http://127.0.0.1:3000";
const clients = Number(process.env.BENCH_CLIENTS ?? 8);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const batchSize = Number(process.env.BENCH_BATCH ?? 1000);
const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5-20250929", "gemini-2.5-flash"];

function makeBatch(seq: { n: number }) {
  return Array.from({ length: batchSize }, () => {
    const n = seq.n++;
    return {
      eventId: randomUUID(), timestamp: new Date(Date.now() - (n % 3600) * 1000).toISOString(), provider: n % 4 === 2 ? "anthropic" : "openai",
      model: MODELS[n % 4]!, inputTokens: 500 + (n % 4000), outputTokens: 50 + (n % 900), cachedInputTokens: n % 3 ? 0 : 200,
      team: `team-${n % 8}`, feature: `feature-${n % 20}`, customer: `customer-${n % 50}`, environment: "production",
    };
  });
}

async function main() {
  const email = `bench-${randomUUID().slice(0, 8)}@bench.local`;
  const { user, org } = await signUp({ email, password: "bench-password", organizationName: "Bench" });
  const key = await createApiKey(userContext(org, user, "OWNER"), { name: "bench", scopes: ["ingest"] });
  const port = Number(new URL(base).port || 80);
  const body = JSON.stringify({ events: makeBatch({ n: 0 }) }); // warm-up
  await fetch(`${base}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" }, body });

  const latencies: number[] = [];
  let events = 0;
  let failures = 0;
  const started = performance.now();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const seq = { n: c * 1e9 };
      while (Date.now() < end) {
        const payload = JSON.stringify({ events: makeBatch(seq) });
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" }, body: payload });
        const json = (await res.json()) as { accepted?: number };
        latencies.push(performance.now() - t0);
        if (res.status === 202) events += json.accepted ?? 0;
        else failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const ingestRate = events / elapsed;
  const copyRate = await rawCopyRate(Math.min(events, 200_000));
  console.log(JSON.stringify({ clients, batchSize, seconds: +elapsed.toFixed(1), events, failures }));
  console.log(`ingest: ${Math.round(ingestRate)} events/s, batch latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`);
  console.log(`app peak RSS: ${peakRssMb(pidOnPort(port)) ?? "n/a"} MB`);
  console.log(`raw COPY of the same rows: ${Math.round(copyRate)} rows/s; ingest / COPY = ${(ingestRate / copyRate).toFixed(2)}`);
  await disconnectDb();
}

/** COPY of equivalent rows (same columns) into a scratch partitioned copy of usage_events. */
async function rawCopyRate(rows: number): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  // A regular (WAL-logged) table like usage_events, with its indexes: what ingest pays for too.
  await client.query(`DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (LIKE usage_events INCLUDING DEFAULTS INCLUDING INDEXES)`);
  const seq = { n: 0 };
  const lines = function* () {
    for (let i = 0; i < rows; i += batchSize) {
      for (const e of makeBatch(seq)) {
        yield `bench\t${e.eventId}\t${e.timestamp}\t${e.provider}\t${e.model}\t${e.inputTokens}\t${e.outputTokens}\t${e.cachedInputTokens}\t${e.team}\t${e.feature}\t${e.customer}\t${e.environment}\t1234567\ttrue\n`;
      }
    }
  };
  const t0 = performance.now();
  await pipeline(
    Readable.from(lines()),
    client.query(copyFrom(`COPY bench_copy ("orgId", "eventId", "timestamp", provider, model, "inputTokens", "outputTokens", "cachedInputTokens", team, feature, customer, environment, "costPico", priced) FROM STDIN`)),
  );
  const rate = rows / ((performance.now() - t0) / 1000);
  await client.query(`DROP TABLE bench_copy`);
  await client.end();
  return rate;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
