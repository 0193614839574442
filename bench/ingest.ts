// Ingest benchmark (not a test): `npm run bench:ingest` against a running app (`npm start`).
//   BURNRATE_URL (default http://127.0.0.1:3000), DATABASE_URL of that app (default: the local
//   `burnrate` database), BENCH_CLIENTS (8), BENCH_SECONDS (20), BENCH_BATCH (1000).
// Prints events/s, p50/p99 batch latency, the app's peak RSS, the CPU each process used per 1,000
// events, and the rate of a raw COPY of the same rows into the same Postgres, and the ratio of the two.
//
// The load generator shares the machine with the app, so it does as little as it can while the clock
// runs: request bodies are generated before the timed window and sent over keep-alive connections.
// The COPY baseline gets the same treatment (its text is built before it is timed).
import { randomUUID } from "node:crypto";
import http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { benchEnv, cpuSnapshot, cpuPerThousand, deleteBenchOrg, peakRssMb, percentile, pidOnPort } from "./support";

benchEnv();
const base = new URL(process.env.BURNRATE_URL ?? "http://127.0.0.1:3000");
const clients = Number(process.env.BENCH_CLIENTS ?? 8);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const batchSize = Number(process.env.BENCH_BATCH ?? 1000);
const COPY_ROWS = 200_000;
const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5-20250929", "gemini-2.5-flash"];
const PROVIDERS = ["openai", "openai", "anthropic", "google"];

type BenchEvent = {
  eventId: string;
  timestamp: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  team: string;
  feature: string;
  customer: string;
  environment: string;
};

function makeEvents(seq: { n: number }, count: number): BenchEvent[] {
  const run = randomUUID().slice(0, 8);
  const now = Date.now();
  return Array.from({ length: count }, () => {
    const n = seq.n++;
    return {
      eventId: `${run}-${n}`,
      timestamp: new Date(now - (n % 3600) * 1000).toISOString(),
      provider: PROVIDERS[n % 4]!,
      model: MODELS[n % 4]!,
      inputTokens: 500 + (n % 4000),
      outputTokens: 50 + (n % 900),
      cachedInputTokens: n % 3 ? 0 : 200,
      team: `team-${n % 8}`,
      feature: `feature-${n % 20}`,
      customer: `customer-${n % 50}`,
      environment: "production",
    };
  });
}

/** Request bodies for the whole run, built before the clock starts (enough for 60k events/s). */
function pregenerate(): Buffer[] {
  const seq = { n: 0 };
  const count = Math.ceil((60_000 * seconds) / batchSize) + clients;
  return Array.from({ length: count }, () => Buffer.from(JSON.stringify({ events: makeEvents(seq, batchSize) })));
}

function post(
  agent: http.Agent,
  secret: string,
  body: Buffer,
): Promise<{ status: number; json: { accepted?: number } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port || 80,
        path: "/api/v1/events",
        method: "POST",
        headers: {
          authorization: `Bearer ${secret}`,
          "content-type": "application/json",
          "content-length": body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function createBenchKey(): Promise<{ secret: string; orgId: string; userId: string }> {
  const [{ signUp }, { createApiKey }, { userContext }, { disconnectDb }] = await Promise.all([
    import("@/lib/onboarding/sign-up"),
    import("@/lib/apikeys/create-api-key"),
    import("@/lib/tenancy/context"),
    import("@/lib/db"),
  ]);
  const { user, org } = await signUp({
    email: `bench-${randomUUID().slice(0, 8)}@bench.local`,
    password: "bench-password",
    organizationName: "Bench",
  });
  const key = await createApiKey(userContext(org, user, "OWNER"), { name: "bench", scopes: ["ingest"] });
  await disconnectDb();
  return { secret: key.secret, orgId: org.id, userId: user.id };
}

async function main() {
  const { secret, orgId, userId } = await createBenchKey();
  const appPid = pidOnPort(Number(base.port || 80));
  console.log("generating request bodies and COPY rows …");
  const bodies = pregenerate();
  const chunks = copyChunks();
  const bulk = await medianCopyRate("bulk", chunks);
  const batched = await medianCopyRate("batched", chunks);

  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  await post(agent, secret, bodies.pop()!); // warm-up
  const latencies: number[] = [];
  let events = 0;
  let failures = 0;
  let next = 0;
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end && next < bodies.length) {
        const body = bodies[next++]!;
        const t0 = performance.now();
        const res = await post(agent, secret, body);
        latencies.push(performance.now() - t0);
        if (res.status === 202) events += res.json.accepted ?? 0;
        else failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuPerThousand(cpuBefore, cpuSnapshot(), events);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const ingestRate = events / elapsed;
  console.log(
    JSON.stringify({
      clients,
      batchSize,
      seconds: +elapsed.toFixed(1),
      events,
      failures,
      ranOutOfBodies: next >= bodies.length,
    }),
  );
  console.log(
    `ingest: ${Math.round(ingestRate)} events/s, batch latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`,
  );
  console.log(`app peak RSS: ${peakRssMb(appPid) ?? "n/a"} MB`);
  console.log(
    `CPU ms per 1,000 events: ${Object.entries(cpu)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(", ")}`,
  );
  for (const [name, c] of [
    ["bulk (one transaction, one connection)", bulk],
    [`batched (${batchSize} rows per transaction, ${clients} connections)`, batched],
  ] as const) {
    console.log(
      `raw COPY of the same rows, ${name}: ${Math.round(c.median)} rows/s (median of ${c.runs.map(Math.round).join(" / ")}); ingest / COPY = ${(ingestRate / c.median).toFixed(2)}`,
    );
  }
  const cleanup = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await cleanup.connect();
  await new Promise((r) => setTimeout(r, 3000)); // let the worker fold the last deltas first
  await deleteBenchOrg(cleanup, orgId, userId);
  await cleanup.end();
}

/** COPY text of COPY_ROWS rows like the benchmark's events, in 1,000-row chunks (built before any timing). */
function copyChunks(): Buffer[] {
  const seq = { n: 0 };
  const chunks: Buffer[] = [];
  for (let i = 0; i < COPY_ROWS; i += batchSize) {
    const lines = makeEvents(seq, batchSize).map(
      (e) =>
        `bench\t${e.eventId}\t${e.timestamp}\t${e.provider}\t${e.model}\t${e.inputTokens}\t${e.outputTokens}\t${e.cachedInputTokens}\t${e.team}\t${e.feature}\t${e.customer}\t${e.environment}\t1234567\ttrue\n`,
    );
    chunks.push(Buffer.from(lines.join("")));
  }
  return chunks;
}

const COPY_SQL = `COPY bench_copy ("orgId", "eventId", "timestamp", provider, model, "inputTokens", "outputTokens", "cachedInputTokens", team, feature, customer, environment, "costPico", priced) FROM STDIN`;

/**
 * Rows/s of a raw COPY of the same rows into a scratch table shaped like usage_events (its columns,
 * defaults and primary key; WAL-logged). `bulk`: one COPY of every row in one transaction, one
 * connection. `batched`: what the ingest API must do: every 1,000 rows committed on their own, from
 * as many connections as the benchmark has clients.
 */
async function rawCopyRate(mode: "bulk" | "batched", chunks: Buffer[]): Promise<number> {
  const connect = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    return c;
  };
  const admin = await connect();
  await admin.query(
    `DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (LIKE usage_events INCLUDING DEFAULTS INCLUDING INDEXES)`,
  );
  const conns = await Promise.all(Array.from({ length: mode === "bulk" ? 1 : clients }, connect));
  let next = 0;
  const t0 = performance.now();
  if (mode === "bulk") await pipeline(Readable.from(chunks), conns[0]!.query(copyFrom(COPY_SQL)));
  else {
    await Promise.all(
      conns.map(async (c) => {
        while (next < chunks.length) await pipeline(Readable.from([chunks[next++]!]), c.query(copyFrom(COPY_SQL)));
      }),
    );
  }
  const rate = COPY_ROWS / ((performance.now() - t0) / 1000);
  await Promise.all(conns.map((c) => c.end()));
  await admin.query(`DROP TABLE bench_copy`);
  await admin.end();
  return rate;
}

/** Median of three runs. */
async function medianCopyRate(mode: "bulk" | "batched", chunks: Buffer[]): Promise<{ median: number; runs: number[] }> {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await rawCopyRate(mode, chunks));
  return { median: [...runs].sort((a, b) => a - b)[1]!, runs };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
