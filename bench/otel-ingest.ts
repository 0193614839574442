// OTLP ingest beside the JSON API (not a test): `npm run bench:otel`. Self-contained: a scratch database on
// the server of DATABASE_URL (default local), migrated, with the shipped catalog; the route handlers of
// POST /api/v1/events and POST /api/otel/v1/traces served over HTTP in this process (no Next.js build).
// The same BENCH_EVENTS (20,000) model calls, made as spans with the official OpenTelemetry SDK, are sent
//   - as usage events to the JSON API (the ids the OTLP path derives, so the rows are the same),
//   - as OTLP protobuf (the official serializer), and as OTLP JSON,
// each into its own organisation, in batches of BENCH_BATCH (500) by BENCH_CLIENTS (4) concurrent clients,
// BENCH_ROUNDS (3) rounds with the order of the three rotated (a shared machine's load drifts). Bodies are
// built before the clock starts. Prints each run's events/s, p50/p99 batch latency, bytes per event and the
// CPU this process (the handlers, and the thin load generator) spent per 1,000 events, and the medians.
// Drops the database afterwards.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { DEFAULT_SERVER_URL, dropDatabase, ensureDatabase, withDatabase } from "../scripts/db-admin";
import { migrateDeploy } from "../scripts/migrate-deploy";
import { benchEnv, percentile } from "./support";

benchEnv();
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "o4-mini"];

function makeSpans(): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "bench", "deployment.environment.name": "production" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  const tracer = provider.getTracer("bench");
  for (let n = 0; n < EVENTS; n++) {
    tracer
      .startSpan(`chat ${MODELS[n % 4]}`, {
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": MODELS[n % 4]!,
          "gen_ai.response.model": MODELS[n % 4]!,
          "gen_ai.usage.input_tokens": 500 + (n % 4000),
          "gen_ai.usage.cache_read.input_tokens": n % 3 ? 0 : 200,
          "gen_ai.usage.output_tokens": 50 + (n % 900),
          "burnrate.team": `team-${n % 8}`,
          "burnrate.feature": `feature-${n % 20}`,
          "burnrate.customer": `customer-${n % 50}`,
        },
      })
      .end();
  }
  return memory.getFinishedSpans();
}

/** The same calls as the JSON API's usage events (what the OTLP path makes of each span, by hand). */
function asEvent(s: ReadableSpan) {
  const a = s.attributes as Record<string, number | string>;
  const cached = Number(a["gen_ai.usage.cache_read.input_tokens"]);
  return {
    eventId: `otel:${s.spanContext().traceId}:${s.spanContext().spanId}`,
    timestamp: new Date(s.startTime[0] * 1000 + Math.floor(s.startTime[1] / 1e6)).toISOString(),
    provider: "openai",
    model: String(a["gen_ai.response.model"]),
    inputTokens: Number(a["gen_ai.usage.input_tokens"]) - cached,
    cachedInputTokens: cached,
    outputTokens: Number(a["gen_ai.usage.output_tokens"]),
    team: String(a["burnrate.team"]),
    feature: String(a["burnrate.feature"]),
    customer: String(a["burnrate.customer"]),
    environment: "production",
    tags: { "service.name": "bench", "gen_ai.operation.name": "chat" },
  };
}

type Body = { bytes: Buffer; events: number };

function post(agent: http.Agent, url: URL, secret: string, type: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": type, "content-length": body.length },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function run(name: string, url: URL, secret: string, type: string, bodies: Body[], okStatus: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let events = 0;
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const t0 = performance.now();
        const status = await post(agent, url, secret, type, body.bytes);
        latencies.push(performance.now() - t0);
        if (status === okStatus) events += body.events;
        else failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // This process: the route handlers (decode, validate, price, SQL round trips) and the thin load generator.
  const cpuPerThousand = (cpu.user + cpu.system) / 1000 / (events / 1000);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const bytes = bodies.reduce((s, b) => s + b.bytes.length, 0);
  const rate = events / seconds;
  console.log(
    `${name.padEnd(22)} ${String(Math.round(rate)).padStart(6)} events/s  p50 ${percentile(latencies, 50).toFixed(0)} ms  p99 ${percentile(latencies, 99).toFixed(0)} ms  ${(bytes / EVENTS).toFixed(0)} B/event  app CPU ${cpuPerThousand.toFixed(0)} ms/1k events  (${events} events, ${failures} failed requests, ${seconds.toFixed(1)} s)`,
  );
  return { rate, cpuPerThousand };
}

async function main() {
  const id = randomBytes(4).toString("hex");
  const databaseUrl = withDatabase(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL, `burnrate_bench_otel_${id}`);
  await ensureDatabase(databaseUrl);
  await migrateDeploy(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  process.env.RATE_LIMIT_PER_MINUTE ??= "1000000";
  process.env.INGEST_MAX_IN_FLIGHT ??= "1000";
  process.env.LOG_LEVEL ??= "warn";
  const [
    { installShippedCatalogIfEmpty },
    { newOrg },
    { createApiKey },
    { startBurnrate },
    { closeConnections },
    { disconnectRedis },
  ] = await Promise.all([
    import("@/lib/pricing/catalog/install-catalog"),
    import("../test/support/factories"),
    import("@/lib/apikeys/create-api-key"),
    import("../test/support/otel-helpers"),
    import("../test/support/close-connections"),
    import("@/lib/redis/connection"),
  ]);
  await installShippedCatalogIfEmpty();
  const server = await startBurnrate();
  try {
    console.log(`making ${EVENTS} spans and the request bodies …`);
    const spans = makeSpans();
    const batches: ReadableSpan[][] = [];
    for (let i = 0; i < spans.length; i += BATCH) batches.push(spans.slice(i, i + BATCH));
    const jsonApi = batches.map((b) => ({
      bytes: Buffer.from(JSON.stringify({ events: b.map(asEvent) })),
      events: b.length,
    }));
    const proto = batches.map((b) => ({
      bytes: Buffer.from(ProtobufTraceSerializer.serializeRequest(b)!),
      events: b.length,
    }));
    const otlpJson = batches.map((b) => ({
      bytes: Buffer.from(JsonTraceSerializer.serializeRequest(b)!),
      events: b.length,
    }));
    const key = async (label: string) =>
      (await createApiKey(await newOrg(label), { name: label, scopes: ["ingest"] })).secret;
    const base = new URL(server.url);
    const events = new URL("/api/v1/events", base);
    const traces = new URL("/api/otel/v1/traces", base);
    // Warm-up (module loading, JIT, price book) of each path on an organisation of its own.
    const warm = await key("bench-warm");
    const agent = new http.Agent({ keepAlive: true });
    for (let i = 0; i < Math.min(6, batches.length); i++) {
      await post(agent, events, warm, "application/json", jsonApi[i]!.bytes);
      await post(agent, traces, warm, "application/x-protobuf", proto[i]!.bytes);
      await post(agent, traces, warm, "application/json", otlpJson[i]!.bytes);
    }
    agent.destroy();
    console.log(`${EVENTS} calls, batches of ${BATCH}, ${CLIENTS} clients, handlers in-process over HTTP:`);
    const modes = [
      { name: "JSON API /api/v1/events", url: events, type: "application/json", bodies: jsonApi, ok: 202 },
      { name: "OTLP protobuf", url: traces, type: "application/x-protobuf", bodies: proto, ok: 200 },
      { name: "OTLP JSON", url: traces, type: "application/json", bodies: otlpJson, ok: 200 },
    ];
    const rates = new Map<string, number[]>(modes.map((m) => [m.name, []]));
    const cpus = new Map<string, number[]>(modes.map((m) => [m.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < modes.length; i++) {
        const m = modes[(i + round) % modes.length]!;
        const r = await run(m.name, m.url, await key(`bench-${round}-${i}`), m.type, m.bodies, m.ok);
        rates.get(m.name)!.push(r.rate);
        cpus.get(m.name)!.push(r.cpuPerThousand);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const json = median(rates.get(modes[0]!.name)!);
    for (const m of modes) {
      const r = median(rates.get(m.name)!);
      console.log(
        `median ${m.name.padEnd(24)} ${String(Math.round(r)).padStart(6)} events/s  (${(r / json).toFixed(2)} × JSON API)`,
      );
    }
    await new Promise((r) => setTimeout(r, 1000)); // let the after-commit rollup enqueues finish
  } finally {
    await server.close();
    await closeConnections();
    await disconnectRedis();
    await dropDatabase(databaseUrl);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
