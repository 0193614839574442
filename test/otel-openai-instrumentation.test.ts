// The official OpenAI instrumentation (@opentelemetry/instrumentation-openai) around the real `openai` client,
// calling a local stand-in for the OpenAI API, exporting with the OTLP protobuf exporter to Burnrate.
import { metrics } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OpenAIInstrumentation } from "@opentelemetry/instrumentation-openai";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import OpenAI from "openai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { closeConnections } from "./support/close-connections";
import { pricedOrg, startBurnrate, storedEvents, TEST_MODEL } from "./support/otel-helpers";
import { type ProviderStub, startProviderStub } from "./support/provider-stubs";
import type { RouteServer } from "./support/route-server";

let burnrate: RouteServer;
let stub: ProviderStub;
beforeAll(async () => {
  await installShippedCatalogIfEmpty();
  [burnrate, stub] = await Promise.all([startBurnrate(), startProviderStub("openai")]);
});
afterAll(async () => {
  await Promise.all([burnrate.close(), stub.close()]);
  await closeConnections();
});

it("chat calls through the OpenAI instrumentation, plain and streamed, become priced usage events", async () => {
  const { org, apiKey } = await pricedOrg("otel-openai");
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "support-bot", "deployment.environment.name": "staging" }),
    spanProcessors: [
      new SimpleSpanProcessor({
        exporter: new OTLPTraceExporter({
          url: `${burnrate.url}/api/otel/v1/traces`,
          headers: { Authorization: `Bearer ${apiKey}` },
        }),
      }),
    ],
  });
  const instrumentation = new OpenAIInstrumentation();
  instrumentation.setTracerProvider(provider);
  instrumentation.setMeterProvider(metrics.getMeterProvider()); // its token histograms (no-op here)
  // What the require hook does when the app loads `openai` under the instrumentation: patch its prototypes.
  for (const def of instrumentation.getModuleDefinitions()) def.patch?.({ OpenAI } as never, "6.30.1");
  try {
    const client = new OpenAI({ apiKey: "sk-stub", baseURL: `${stub.url}/v1` });
    stub.usage = {
      prompt_tokens: 1200,
      completion_tokens: 80,
      total_tokens: 1280,
      prompt_tokens_details: { cached_tokens: 1024 },
    };
    const reply = await client.chat.completions.create({
      model: TEST_MODEL,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(reply.choices[0]!.message.content).toBe("Hello");

    stub.usage = { prompt_tokens: 30, completion_tokens: 5, total_tokens: 35 };
    const stream = await client.chat.completions.create({
      model: TEST_MODEL,
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("Hello");
    await provider.forceFlush();
  } finally {
    instrumentation.disable();
    await provider.shutdown();
  }

  const events = await storedEvents(org);
  // The instrumentation reports gen_ai.usage.input_tokens = prompt_tokens (1200, cached included) and no
  // cache_read count, so all 1200 are input: 1200·10⁶ + 80·4·10⁶ = 1,520,000,000. Streamed: 30·10⁶ + 5·4·10⁶.
  expect(events.map((e) => [e.inputTokens, e.cachedInputTokens, e.outputTokens, e.costPico]).sort()).toEqual(
    [
      [1200, 0, 80, "1520000000"],
      [30, 0, 5, "50000000"],
    ].sort(),
  );
  expect(events.every((e) => e.provider === "openai" && e.model === TEST_MODEL && e.environment === "staging")).toBe(
    true,
  );
  expect(events[0]!.tags).toMatchObject({ "service.name": "support-bot", "gen_ai.operation.name": "chat" });
});
