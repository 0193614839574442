import { expect, test } from "@playwright/test";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { createAccount, createKey } from "../support/accounts";

// OTLP/HTTP protobuf into the built app (`next start`): the official exporter as the client, the spend
// API as the reader. The route's own suites are test/otel-ingest.test.ts and test/otel-openai-instrumentation.
test("OTLP protobuf export to the running app becomes spend; a re-export counts once", async ({
  baseURL,
  playwright,
}) => {
  const owner = await createAccount(baseURL!, "otel");
  const key = await createKey(owner, ["ingest", "read"], "otel");
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "e2e-otel", "burnrate.team": "otel-team" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  const tracer = provider.getTracer("e2e");
  tracer
    .startSpan("chat gpt-4o-mini", {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.response.model": "gpt-4o-mini",
        "gen_ai.usage.input_tokens": 1000,
        "gen_ai.usage.output_tokens": 100,
      },
    })
    .end();
  const exporter = new OTLPTraceExporter({
    url: `${baseURL}/api/otel/v1/traces`,
    headers: { Authorization: `Bearer ${key.secret}` },
  });
  for (let i = 0; i < 2; i++) {
    const code = await new Promise((resolve) => exporter.export(memory.getFinishedSpans(), (r) => resolve(r.code)));
    expect(code).toBe(0);
  }
  const reader = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
  });
  await expect
    .poll(async () => (await (await reader.get("/api/v1/spend?groupBy=team")).json()).total.events, { timeout: 30_000 })
    .toBe(1);
  const spend = await (await reader.get("/api/v1/spend?groupBy=team")).json();
  expect(JSON.stringify(spend)).toContain("otel-team");
  await reader.dispose();
});
