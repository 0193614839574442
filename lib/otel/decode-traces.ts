import { AppError } from "@/lib/errors";
import { ExportTraceServiceRequest } from "./otlp-schema";

export type Attributes = Record<string, unknown>;

/** One span as the ingest reads it, from either encoding. Ids are lower-case hex ("" when absent). */
export type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  attributes: Attributes;
  resource: Attributes;
  statusCode: number;
  statusMessage: string;
};

export type OtlpEncoding = "protobuf" | "json";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
/** A field by its OTLP/JSON name (lowerCamelCase) or its proto name (snake_case). */
const field = (o: Obj, camel: string, snake: string): unknown => o[camel] ?? o[snake];
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function int64(v: unknown): number | string | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  }
  return undefined;
}

/** An AnyValue (either encoding) as plain JS: strings, numbers, booleans, arrays, objects. */
function anyValue(v: unknown): unknown {
  if (!isObj(v)) return undefined;
  const s = field(v, "stringValue", "string_value");
  if (s !== undefined) return String(s);
  const b = field(v, "boolValue", "bool_value");
  if (b !== undefined) return Boolean(b);
  const i = field(v, "intValue", "int_value");
  if (i !== undefined) return int64(i);
  const d = field(v, "doubleValue", "double_value");
  if (d !== undefined) return Number(d);
  const arr = field(v, "arrayValue", "array_value");
  if (isObj(arr)) return list(arr.values).map(anyValue);
  const kv = field(v, "kvlistValue", "kvlist_value");
  if (isObj(kv)) return attributes(kv.values);
  const bytes = field(v, "bytesValue", "bytes_value");
  if (bytes instanceof Uint8Array) return Buffer.from(bytes).toString("base64");
  if (typeof bytes === "string") return bytes;
  return undefined;
}

function attributes(kvs: unknown): Attributes {
  const out: Attributes = {};
  for (const kv of list(kvs)) {
    if (isObj(kv) && typeof kv.key === "string") out[kv.key] = anyValue(kv.value);
  }
  return out;
}

/** Ids: bytes in protobuf, hex strings in OTLP/JSON. Anything else is "" (an invalid id). */
function id(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v).toString("hex");
  if (typeof v === "string" && /^[0-9a-fA-F]*$/.test(v)) return v.toLowerCase();
  return "";
}

function nanos(v: unknown): bigint {
  if (typeof v === "number" && Number.isFinite(v) && v >= 0) return BigInt(Math.trunc(v));
  if (typeof v === "string" && /^\d{1,20}$/.test(v)) return BigInt(v);
  return 0n;
}

function toSpans(request: unknown): OtlpSpan[] {
  if (!isObj(request)) {
    throw new AppError("invalid_request", "Body must be an ExportTraceServiceRequest object", [
      { path: "body", message: "expected an object with resourceSpans" },
    ]);
  }
  const spans: OtlpSpan[] = [];
  for (const rs of list(field(request, "resourceSpans", "resource_spans"))) {
    if (!isObj(rs)) continue;
    const resource = isObj(rs.resource) ? attributes(rs.resource.attributes) : {};
    for (const ss of list(field(rs, "scopeSpans", "scope_spans"))) {
      if (!isObj(ss)) continue;
      for (const s of list(ss.spans)) {
        if (!isObj(s)) continue;
        const status = isObj(s.status) ? s.status : {};
        spans.push({
          traceId: id(field(s, "traceId", "trace_id")),
          spanId: id(field(s, "spanId", "span_id")),
          parentSpanId: id(field(s, "parentSpanId", "parent_span_id")),
          name: typeof s.name === "string" ? s.name : "",
          startNs: nanos(field(s, "startTimeUnixNano", "start_time_unix_nano")),
          endNs: nanos(field(s, "endTimeUnixNano", "end_time_unix_nano")),
          attributes: attributes(s.attributes),
          resource,
          statusCode: Number(status.code ?? 0) || 0,
          statusMessage: typeof status.message === "string" ? status.message : "",
        });
      }
    }
  }
  return spans;
}

/** Decodes an OTLP/HTTP trace export (protobuf or JSON) into spans; a body that is neither is a 400. */
export function decodeTraces(bytes: Buffer, encoding: OtlpEncoding): OtlpSpan[] {
  if (encoding === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString("utf8"));
    } catch (err) {
      throw new AppError("invalid_request", "Body is not valid JSON", [
        { path: "body", message: err instanceof Error ? err.message : "malformed JSON" },
      ]);
    }
    return toSpans(parsed);
  }
  let message: ReturnType<typeof ExportTraceServiceRequest.decode>;
  try {
    message = ExportTraceServiceRequest.decode(bytes);
  } catch (err) {
    throw new AppError("invalid_request", "Body is not a protobuf ExportTraceServiceRequest", [
      { path: "body", message: err instanceof Error ? err.message : "malformed protobuf" },
    ]);
  }
  return toSpans(ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number }));
}
