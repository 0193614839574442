import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { attributeKeysFrom, DEFAULT_ATTRIBUTE_KEYS } from "./attribution";
import { decodeTraces, type OtlpSpan } from "./decode-traces";
import { isBillableKind, spanToEvent } from "./span-to-event";

// An OTLP/JSON export written by hand as the specification describes it (hex ids, int64 as strings or numbers).
const TRACE = "5b8efff798038103d269b633813fc60c";
const SPAN = "eee19b7ec3c1b174";
const exportJson = {
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: "service.name", value: { stringValue: "svc" } },
          { key: "deployment.environment", value: { stringValue: "prod" } },
        ],
      },
      scopeSpans: [
        {
          scope: { name: "x" },
          spans: [
            {
              traceId: TRACE,
              spanId: SPAN,
              parentSpanId: "",
              name: "chat m",
              kind: 3,
              // 2026-11-30T06:00:00Z and 1.5 s later
              startTimeUnixNano: "1796018400000000000",
              endTimeUnixNano: "1796018401500000000",
              attributes: [
                { key: "gen_ai.provider.name", value: { stringValue: "gcp.vertex_ai" } },
                { key: "gen_ai.request.model", value: { stringValue: "m-request" } },
                { key: "gen_ai.response.model", value: { stringValue: "m" } },
                { key: "gen_ai.usage.input_tokens", value: { intValue: "1000" } },
                { key: "gen_ai.usage.output_tokens", value: { intValue: 42 } },
                { key: "burnrate.feature", value: { stringValue: "faq" } },
                { key: "x.list", value: { arrayValue: { values: [{ stringValue: "a" }, { doubleValue: 1.5 }] } } },
                { key: "x.kv", value: { kvlistValue: { values: [{ key: "k", value: { boolValue: true } }] } } },
              ],
              status: { code: 2, message: "boom" },
            },
          ],
        },
      ],
    },
  ],
};

const decode = (o: unknown) => decodeTraces(Buffer.from(JSON.stringify(o)), "json");

describe("OTLP/JSON decoding and the span → event mapping", () => {
  it("reads ids, times, every AnyValue kind and the resource", () => {
    const [span] = decode(exportJson);
    expect(span).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      parentSpanId: "",
      startNs: 1796018400000000000n,
      endNs: 1796018401500000000n,
      statusCode: 2,
      resource: { "service.name": "svc", "deployment.environment": "prod" },
    });
    expect(span!.attributes["gen_ai.usage.input_tokens"]).toBe(1000);
    expect(span!.attributes["x.list"]).toEqual(["a", 1.5]);
    expect(span!.attributes["x.kv"]).toEqual({ k: true });
  });

  it("makes the usage event: response model, mapped provider, attribution, latency, error status", () => {
    const [span] = decode(exportJson);
    expect(spanToEvent(span!, DEFAULT_ATTRIBUTE_KEYS)).toEqual({
      kind: "event",
      event: {
        eventId: `otel:${TRACE}:${SPAN}`,
        timestamp: "2026-11-30T06:00:00.000Z",
        provider: "vertex_ai",
        model: "m",
        inputTokens: 1000,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 42,
        reasoningTokens: 0,
        feature: "faq",
        environment: "prod",
        tags: { "service.name": "svc" },
        latencyMs: 1500,
        status: "error",
      },
    });
  });

  it("ignores spans without usage; rejects usage spans it cannot bill, naming the attribute", () => {
    const span = decode(exportJson)[0]!;
    const withAttrs = (attributes: Record<string, unknown>, extra: Partial<OtlpSpan> = {}): OtlpSpan => ({
      ...span,
      attributes,
      ...extra,
    });
    expect(spanToEvent(withAttrs({ "http.method": "GET" }), DEFAULT_ATTRIBUTE_KEYS)).toEqual({ kind: "ignored" });
    const usage = { "gen_ai.usage.input_tokens": 1, "gen_ai.usage.output_tokens": 1, "gen_ai.system": "openai" };
    expect(spanToEvent(withAttrs(usage), DEFAULT_ATTRIBUTE_KEYS)).toEqual({
      kind: "rejected",
      message: "gen_ai.response.model: is required (or gen_ai.request.model)",
    });
    expect(
      spanToEvent(withAttrs({ ...usage, "gen_ai.request.model": "x" }, { spanId: "00" }), DEFAULT_ATTRIBUTE_KEYS),
    ).toEqual({
      kind: "rejected",
      message: "spanId: must be 8 bytes, not all zero",
    });
    expect(
      spanToEvent(withAttrs({ "gen_ai.usage.input_tokens": 1, "gen_ai.request.model": "x" }), DEFAULT_ATTRIBUTE_KEYS),
    ).toEqual({ kind: "rejected", message: "gen_ai.provider.name: is required (or gen_ai.system)" });
  });

  it("agent, tool and chain spans are never billed; model-call spans are", () => {
    const span = decode(exportJson)[0]!;
    const kind = (attributes: Record<string, unknown>) => isBillableKind({ ...span, attributes });
    expect(kind({ "gen_ai.operation.name": "invoke_agent" })).toBe(false);
    expect(kind({ "gen_ai.operation.name": "execute_tool" })).toBe(false);
    expect(kind({ "openinference.span.kind": "AGENT" })).toBe(false);
    expect(kind({ "openinference.span.kind": "CHAIN" })).toBe(false);
    expect(kind({ "openinference.span.kind": "LLM" })).toBe(true);
    expect(kind({ "gen_ai.operation.name": "chat" })).toBe(true);
    expect(kind({})).toBe(true);
  });

  it("a body that is not an export request is a 400", () => {
    expect(() => decode([1, 2])).toThrow(AppError);
    expect(() => decodeTraces(Buffer.from([0x0a, 0xff]), "protobuf")).toThrow(
      "Body is not a protobuf ExportTraceServiceRequest",
    );
    expect(decode({})).toEqual([]);
  });

  it("attribute keys: headers replace the defaults; a malformed header names itself", () => {
    const keys = attributeKeysFrom(new Headers({ "x-burnrate-end-user-attribute": "app.user, user.id" }));
    expect(keys.endUser).toEqual(["app.user", "user.id"]);
    expect(keys.team).toEqual(["burnrate.team"]);
    expect(() => attributeKeysFrom(new Headers({ "x-burnrate-feature-attribute": "" }))).toThrow(
      "Header x-burnrate-feature-attribute must list 1 to 5 attribute keys",
    );
  });
});

describe("decoding what the official serializers write", () => {
  it("protobuf and JSON give the same spans: ids, times, status and every attribute type", async () => {
    const { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } = await import("@opentelemetry/sdk-trace");
    const { resourceFromAttributes } = await import("@opentelemetry/resources");
    const { ProtobufTraceSerializer, JsonTraceSerializer } = await import("@opentelemetry/otlp-transformer");
    const memory = new InMemorySpanExporter();
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": "svc" }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
    });
    const tracer = provider.getTracer("t");
    const parent = tracer.startSpan("parent", { startTime: [1_796_018_400, 0] });
    const { context, trace } = await import("@opentelemetry/api");
    const child = tracer.startSpan(
      "child",
      {
        startTime: [1_796_018_400, 250_000_000],
        attributes: { s: "x", b: true, i: 42, d: 1.5, arr: ["a", "b"], nums: [1, 2], big: 2 ** 40 },
      },
      trace.setSpan(context.active(), parent),
    );
    child.setStatus({ code: 2 });
    child.end([1_796_018_401, 0]);
    parent.end([1_796_018_402, 0]);
    const spans = memory.getFinishedSpans();
    const fromPb = decodeTraces(Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!), "protobuf");
    const fromJson = decodeTraces(Buffer.from(JsonTraceSerializer.serializeRequest(spans)!), "json");
    const c = fromPb.find((s) => s.name === "child")!;
    expect(c).toMatchObject({
      traceId: child.spanContext().traceId,
      spanId: child.spanContext().spanId,
      parentSpanId: parent.spanContext().spanId,
      startNs: 1_796_018_400_250_000_000n,
      endNs: 1_796_018_401_000_000_000n,
      statusCode: 2,
      attributes: { s: "x", b: true, i: 42, d: 1.5, arr: ["a", "b"], nums: [1, 2], big: 2 ** 40 },
      resource: { "service.name": "svc" },
    });
    expect(fromPb.find((s) => s.name === "parent")!.parentSpanId).toBe("");
    expect(fromJson).toEqual(fromPb);
  });
});
