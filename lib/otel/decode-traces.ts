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

// protobufjs messages, read directly (no toObject copy): repeated fields are arrays, 64-bit integers Long
// objects (or numbers), bytes Buffers; the oneof `value` of an AnyValue names the field that is set.
type PbLong = number | { low: number; high: number; toNumber(): number; toString(): string };
type PbAny = { value?: string } & Record<string, unknown>;
type PbKv = { key: string; value?: PbAny | null };

function pbInt(v: PbLong): number | string {
  if (typeof v === "number") return v;
  const n = v.toNumber();
  return Number.isSafeInteger(n) ? n : v.toString();
}

function pbAny(v: PbAny | null | undefined): unknown {
  switch (v?.value) {
    case "string_value":
    case "bool_value":
    case "double_value":
      return v[v.value];
    case "int_value":
      return pbInt(v.int_value as PbLong);
    case "array_value":
      return ((v.array_value as { values: PbAny[] }).values ?? []).map(pbAny);
    case "kvlist_value":
      return pbAttributes((v.kvlist_value as { values: PbKv[] }).values);
    case "bytes_value":
      return Buffer.from(v.bytes_value as Uint8Array).toString("base64");
    default:
      return undefined;
  }
}

function pbAttributes(kvs: PbKv[] | undefined): Attributes {
  const out: Attributes = {};
  for (const kv of kvs ?? []) out[kv.key] = pbAny(kv.value);
  return out;
}

function pbNanos(v: PbLong | undefined | null): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v === "number") return BigInt(Math.trunc(v));
  return (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
}
const hex = (b: Uint8Array | undefined) =>
  !b?.length
    ? ""
    : Buffer.isBuffer(b)
      ? b.toString("hex")
      : Buffer.from(b.buffer, b.byteOffset, b.length).toString("hex");

type PbSpan = {
  trace_id: Uint8Array;
  span_id: Uint8Array;
  parent_span_id: Uint8Array;
  name: string;
  start_time_unix_nano: PbLong;
  end_time_unix_nano: PbLong;
  attributes: PbKv[];
  status: { code: number; message: string } | null;
};
type PbRequest = {
  resource_spans: { resource: { attributes: PbKv[] } | null; scope_spans: { spans: PbSpan[] }[] }[];
};

function pbSpans(request: PbRequest): OtlpSpan[] {
  const spans: OtlpSpan[] = [];
  for (const rs of request.resource_spans ?? []) {
    const resource = pbAttributes(rs.resource?.attributes);
    for (const ss of rs.scope_spans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: hex(s.trace_id),
          spanId: hex(s.span_id),
          parentSpanId: hex(s.parent_span_id),
          name: s.name ?? "",
          startNs: pbNanos(s.start_time_unix_nano),
          endNs: pbNanos(s.end_time_unix_nano),
          attributes: pbAttributes(s.attributes),
          resource,
          statusCode: s.status?.code ?? 0,
          statusMessage: s.status?.message ?? "",
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
  return pbSpans(message as unknown as PbRequest);
}
