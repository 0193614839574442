// POST /api/otel/v1/traces over real HTTP, with the official OpenTelemetry JS SDK and OTLP exporters
// (protobuf and JSON) as the client, real Postgres and Redis behind the route. Token counts and costs
// below are worked out by hand from the test model's prices (test/support/otel-helpers.ts).
import { gzipSync } from "node:zlib";
import { DiagLogLevel, diag, SpanStatusCode } from "@opentelemetry/api";
import { OTLPTraceExporter as HttpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { redis, redisKey } from "@/lib/redis/connection";
import { closeConnections } from "./support/close-connections";
import { pricedOrg, recordSpans, startBurnrate, storedEvents, TEST_MODEL } from "./support/otel-helpers";
import type { RouteServer } from "./support/route-server";

let burnrate: RouteServer;
beforeAll(async () => {
  await installShippedCatalogIfEmpty();
  burnrate = await startBurnrate();
});
afterAll(async () => {
  await burnrate.close();
  await closeConnections();
});

const tracesUrl = () => `${burnrate.url}/api/otel/v1/traces`;

function exportWith(exporter: { export: ProtoExporter["export"] }, spans: ReadableSpan[]): Promise<number> {
  return new Promise((resolve) => exporter.export(spans, (r) => resolve(r.code)));
}

const chat = (extra: Record<string, string | number>) => ({
  "gen_ai.operation.name": "chat",
  "gen_ai.provider.name": "openai",
  "gen_ai.request.model": "burnrate-test",
  "gen_ai.response.model": TEST_MODEL,
  ...extra,
});

describe("OTLP trace ingest", () => {
  it("an agent trace exported in protobuf becomes one event per model call; re-exported in JSON+gzip it counts once", async () => {
    const { org, apiKey } = await pricedOrg("otel-agent");
    const rec = recordSpans({ "service.name": "checkout-api", "deployment.environment.name": "production" });
    // A request span of some framework sums the usage below it, with no operation name: not billed, because
    // spans below it in the export carry usage.
    const root = rec.span("POST /chat", {
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": TEST_MODEL,
      "gen_ai.usage.input_tokens": 6000,
      "gen_ai.usage.output_tokens": 400,
    });
    // The agent span sums its two model calls (6000 in, 400 out): it must not be billed a second time.
    const agent = rec.span(
      "invoke_agent support",
      {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": TEST_MODEL,
        "gen_ai.usage.input_tokens": 6000,
        "gen_ai.usage.output_tokens": 400,
      },
      root,
    );
    const callA = rec.span(
      "chat burnrate-test",
      chat({
        "gen_ai.usage.input_tokens": 1000,
        "gen_ai.usage.cache_read.input_tokens": 600,
        "gen_ai.usage.output_tokens": 300,
        "gen_ai.usage.reasoning.output_tokens": 200,
        "gen_ai.response.id": "chatcmpl-A",
        "burnrate.team": "support",
        "enduser.id": "u_42",
      }),
      agent,
    );
    rec.span("POST /v1/chat/completions", { "http.request.method": "POST" }, callA).end();
    callA.end();
    // The older gen_ai.system instead of gen_ai.provider.name; Anthropic-style cache writes; an error status.
    const callB = rec.span(
      "chat",
      {
        "gen_ai.system": "openai",
        "gen_ai.response.model": TEST_MODEL,
        "gen_ai.usage.input_tokens": 5000,
        "gen_ai.usage.cache_read.input_tokens": 1000,
        "gen_ai.usage.cache_creation.input_tokens": 3000,
        "gen_ai.usage.output_tokens": 100,
        "burnrate.customer": "acme",
      },
      agent,
    );
    callB.setStatus({ code: SpanStatusCode.ERROR, message: "overloaded" });
    callB.end();
    rec.span("execute_tool lookup", { "gen_ai.operation.name": "execute_tool" }, agent).end();
    agent.end();
    root.end();
    // OpenInference names (an LLM span of another instrumentation): 200 prompt of which 100 cached, 20 out.
    rec
      .span("ChatOpenAI", {
        "openinference.span.kind": "LLM",
        "llm.provider": "openai",
        "llm.model_name": TEST_MODEL,
        "llm.token_count.prompt": 200,
        "llm.token_count.prompt_details.cache_read": 100,
        "llm.token_count.completion": 20,
      })
      .end();
    const spans = rec.finished();
    expect(spans).toHaveLength(7);

    const proto = new ProtoExporter({ url: tracesUrl(), headers: { Authorization: `Bearer ${apiKey}` } });
    expect(await exportWith(proto, spans)).toBe(0); // ExportResultCode.SUCCESS
    const id = (s: { spanContext(): { traceId: string; spanId: string } }) =>
      `otel:${s.spanContext().traceId}:${s.spanContext().spanId}`;
    const events = await storedEvents(org);
    const byId = new Map(events.map((e) => [e.eventId, e]));
    expect(events).toHaveLength(3);
    // A: 400 in (1000 − 600 cached), 600 cached, 100 out (300 − 200 reasoning), 200 reasoning
    //    = 400·10⁶ + 600·10⁵ + 100·4·10⁶ + 200·5·10⁶ = 400,000,000 + 60,000,000 + 400,000,000 + 1,000,000,000
    expect(byId.get(id(callA))).toMatchObject({
      provider: "openai",
      model: TEST_MODEL,
      inputTokens: 400,
      cachedInputTokens: 600,
      cacheWriteTokens: 0,
      outputTokens: 100,
      reasoningTokens: 200,
      team: "support",
      endUser: "u_42",
      customer: null,
      environment: "production",
      tags: { "service.name": "checkout-api", "gen_ai.operation.name": "chat" },
      status: "success",
      requestId: "chatcmpl-A",
      costPico: "1860000000",
    });
    // B: 1000 in (5000 − 1000 − 3000), 1000 cached, 3000 written (5m), 100 out
    //    = 1000·10⁶ + 1000·10⁵ + 3000·2·10⁶ + 100·4·10⁶ = 1,000,000,000 + 100,000,000 + 6,000,000,000 + 400,000,000
    expect([...byId.values()].find((e) => e.customer === "acme")).toMatchObject({
      inputTokens: 1000,
      cachedInputTokens: 1000,
      cacheWriteTokens: 3000,
      cacheTtl: "5m",
      outputTokens: 100,
      reasoningTokens: 0,
      status: "error",
      costPico: "7500000000",
    });
    // OpenInference: 100 in, 100 cached, 20 out = 100·10⁶ + 100·10⁵ + 20·4·10⁶ = 190,000,000
    expect(events.find((e) => e.inputTokens === 100)).toMatchObject({ cachedInputTokens: 100, costPico: "190000000" });
    const total = events.reduce((s, e) => s + BigInt(e.costPico!), 0n);
    expect(total).toBe(9_550_000_000n);

    // The same spans again, now as OTLP/JSON with gzip: trace and span ids are the idempotency key.
    const json = new HttpJsonExporter({
      url: tracesUrl(),
      headers: { Authorization: `Bearer ${apiKey}` },
      compression: "gzip" as never,
    });
    expect(await exportWith(json, spans)).toBe(0);
    expect(await storedEvents(org)).toHaveLength(3);
    expect(total).toBe((await storedEvents(org)).reduce((s, e) => s + BigInt(e.costPico!), 0n));
    // Nothing crossed to another organisation.
    const other = await pricedOrg("otel-other");
    expect(await storedEvents(other.org)).toEqual([]);
  });

  it("an agent span exported after its model call (another export) is not billed: its operation says it wraps", async () => {
    const { org, apiKey } = await pricedOrg("otel-agent-later");
    const rec = recordSpans({ "service.name": "agents" });
    const agent = rec.span("invoke_agent", {
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": TEST_MODEL,
      "gen_ai.usage.input_tokens": 300,
      "gen_ai.usage.output_tokens": 30,
    });
    rec.span("chat", chat({ "gen_ai.usage.input_tokens": 300, "gen_ai.usage.output_tokens": 30 }), agent).end();
    agent.end();
    const [call, wrapper] = rec.finished();
    const proto = new ProtoExporter({ url: tracesUrl(), headers: { Authorization: `Bearer ${apiKey}` } });
    expect(await exportWith(proto, [call!])).toBe(0);
    expect(await exportWith(proto, [wrapper!])).toBe(0);
    // 300·10⁶ + 30·4·10⁶, once
    expect(await storedEvents(org)).toMatchObject([{ inputTokens: 300, outputTokens: 30, costPico: "420000000" }]);
  });

  it("configured as the docs say: OTEL_EXPORTER_OTLP_ENDPOINT=<burnrate>/api/otel and the Authorization header", async () => {
    const { org, apiKey } = await pricedOrg("otel-env");
    const saved = { ...process.env };
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `${burnrate.url}/api/otel`;
    process.env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=Bearer ${apiKey}`;
    try {
      const rec = recordSpans({ "service.name": "env-configured" });
      rec.span("chat", chat({ "gen_ai.usage.input_tokens": 10, "gen_ai.usage.output_tokens": 1 })).end();
      expect(await exportWith(new ProtoExporter(), rec.finished())).toBe(0);
    } finally {
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved.OTEL_EXPORTER_OTLP_ENDPOINT;
      process.env.OTEL_EXPORTER_OTLP_HEADERS = saved.OTEL_EXPORTER_OTLP_HEADERS;
      if (saved.OTEL_EXPORTER_OTLP_ENDPOINT === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      if (saved.OTEL_EXPORTER_OTLP_HEADERS === undefined) delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
    }
    // 10 in, 1 out = 10·10⁶ + 1·4·10⁶
    expect(await storedEvents(org)).toMatchObject([{ inputTokens: 10, outputTokens: 1, costPico: "14000000" }]);
  });

  it("invalid GenAI spans: 200 with partial_success naming them (protobuf and JSON); the valid ones are committed", async () => {
    const { org, apiKey } = await pricedOrg("otel-partial");
    const rec = recordSpans({ "service.name": "partial" });
    rec.span("chat ok", chat({ "gen_ai.usage.input_tokens": 7, "gen_ai.usage.output_tokens": 0 })).end();
    const bad = rec.span(
      "chat bad",
      chat({
        "gen_ai.usage.input_tokens": 100,
        "gen_ai.usage.cache_read.input_tokens": 200,
        "gen_ai.usage.output_tokens": 1,
      }),
    );
    bad.end();
    const noModel = rec.span("chat", { "gen_ai.provider.name": "openai", "gen_ai.usage.input_tokens": 1 });
    noModel.end();
    const spans = rec.finished();

    const warnings: string[] = [];
    diag.setLogger(
      {
        warn: (...a: unknown[]) => warnings.push(a.map(String).join(" ")),
        error: () => {},
        info: () => {},
        debug: () => {},
        verbose: () => {},
      },
      DiagLogLevel.WARN,
    );
    try {
      const proto = new ProtoExporter({ url: tracesUrl(), headers: { Authorization: `Bearer ${apiKey}` } });
      expect(await exportWith(proto, spans)).toBe(0);
    } finally {
      diag.disable();
    }
    // The exporter decoded our protobuf ExportTraceServiceResponse and reports its partial success.
    const partial = warnings.find((w) => w.includes("Partial Success"));
    expect(partial).toContain("2 span(s) rejected");
    expect(await storedEvents(org)).toMatchObject([{ inputTokens: 7, costPico: "7000000" }]);

    const body = new Uint8Array(JsonTraceSerializer.serializeRequest(spans)!);
    const res = await fetch(tracesUrl(), {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const badId = bad.spanContext().spanId;
    const noModelId = noModel.spanContext().spanId;
    expect(await res.json()).toEqual({
      partialSuccess: {
        rejectedSpans: "2",
        errorMessage: `2 span(s) rejected: span ${badId}: gen_ai.usage.input_tokens: is 100, smaller than gen_ai.usage.cache_read.input_tokens (200); it must include them (see docs/token-semantics.md); span ${noModelId}: gen_ai.response.model: is required (or gen_ai.request.model)`,
      },
    });
    expect(await storedEvents(org)).toHaveLength(1);
  });

  it("attribute keys are configurable by header; the key's default attribution fills what spans do not say", async () => {
    const { org, apiKey } = await pricedOrg("otel-attr", { team: "platform", feature: "default-feature" });
    const rec = recordSpans({ "service.name": "attr", "app.customer": "resource-customer" });
    rec
      .span("chat", chat({ "gen_ai.usage.input_tokens": 1, "gen_ai.usage.output_tokens": 0, "app.team": "growth" }))
      .end();
    rec
      .span(
        "chat",
        chat({ "gen_ai.usage.input_tokens": 2, "gen_ai.usage.output_tokens": 0, "burnrate.team": "ignored" }),
      )
      .end();
    const body = ProtobufTraceSerializer.serializeRequest(rec.finished())!;
    const res = await fetch(tracesUrl(), {
      method: "POST",
      headers: {
        authorization: `Bearer ${apiKey}`,
        "content-type": "application/x-protobuf",
        "content-encoding": "gzip",
        "x-burnrate-team-attribute": "app.team",
        "x-burnrate-customer-attribute": "app.customer",
      },
      body: new Uint8Array(gzipSync(body)),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    expect(Buffer.from(await res.arrayBuffer()).length).toBe(0); // ExportTraceServiceResponse{} (all accepted)
    const byInput = new Map((await storedEvents(org)).map((e) => [e.inputTokens, e]));
    expect(byInput.get(1)).toMatchObject({ team: "growth", feature: "default-feature", customer: "resource-customer" });
    // burnrate.team is not read once the header replaced the team keys: the key's default applies.
    expect(byInput.get(2)).toMatchObject({
      team: "platform",
      feature: "default-feature",
      customer: "resource-customer",
    });

    const badHeader = await fetch(tracesUrl(), {
      method: "POST",
      headers: {
        authorization: `Bearer ${apiKey}`,
        "content-type": "application/json",
        "x-burnrate-team-attribute": "a b",
      },
      body: "{}",
    });
    expect(badHeader.status).toBe(400);
    expect((await badHeader.json()).error.issues[0].path).toBe("x-burnrate-team-attribute");
  });

  it("answers errors as OTLP: google.rpc.Status in the request's encoding; 429 with Retry-After when throttled", async () => {
    const { apiKey, apiKeyId } = await pricedOrg("otel-errors");
    const post = (headers: Record<string, string>, body: BodyInit) =>
      fetch(tracesUrl(), { method: "POST", headers: { authorization: `Bearer ${apiKey}`, ...headers }, body });

    const anon = await fetch(tracesUrl(), {
      method: "POST",
      headers: { "content-type": "application/x-protobuf" },
      body: new Uint8Array(),
    });
    expect(anon.status).toBe(401);
    expect(anon.headers.get("content-type")).toBe("application/x-protobuf");
    // Status{code=16 (UNAUTHENTICATED), message="Missing API key…"}: field 1 varint 16, field 2 the text.
    const bytes = Buffer.from(await anon.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0x08, 16, 0x12]);
    expect(bytes.subarray(4).toString()).toBe("Missing API key: send Authorization: Bearer <key>");

    const text = await post({ "content-type": "text/plain" }, "hello");
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ code: 3, error: { issues: [{ path: "content-type" }] } });
    const garbage = await post({ "content-type": "application/x-protobuf" }, new Uint8Array([0x0a, 0xff, 0xff]));
    expect(garbage.status).toBe(400);
    const notJson = await post({ "content-type": "application/json" }, "{");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toBe("Body is not valid JSON");
    const badGzip = await post({ "content-type": "application/json", "content-encoding": "gzip" }, "nope");
    expect(badGzip.status).toBe(400);

    // Spend this key's minute of the rate limit, then export: 429, Retry-After, Status code 8 (RESOURCE_EXHAUSTED).
    const window = Math.floor(Date.now() / 1000 / 60);
    const windows = [window, window + 1].map((w) => redisKey("ratelimit", `key:${apiKeyId}`, String(w)));
    for (const k of windows) await redis().set(k, "1000000", "EX", 121); // this minute and the next
    const throttled = await post({ "content-type": "application/json" }, '{"resourceSpans":[]}');
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await throttled.json()).toMatchObject({ code: 8, error: { code: "rate_limited" } });
    await redis().del(...windows);
  });
});
