// Hostile requests for bench/fuzz: bodies and headers a careless or malicious client could send.
// Each case is { kind, method, path, headers, body } (body as bytes), or a raw HTTP byte string.
import { randomBytes, randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import fc from "fast-check";

export type FuzzCase =
  | { kind: string; method: string; path: string; headers: Record<string, string>; body?: Buffer }
  | { kind: string; raw: Buffer };

const FIELDS = [
  "eventId",
  "timestamp",
  "provider",
  "model",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "cacheTtl",
  "reasoningTokens",
  "requests",
  "images",
  "audioSeconds",
  "serviceTier",
  "team",
  "feature",
  "customer",
  "environment",
  "endUser",
  "tags",
  "latencyMs",
  "status",
  "requestId",
  "cost",
  "__proto__",
  "constructor",
  "prototype",
  "unknownField",
];
const nasty = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 300, unit: "binary" }),
  fc.constantFrom(
    -1,
    1.5,
    1e308,
    -0,
    2 ** 31,
    2 ** 53,
    "1e400",
    "NaN",
    "Infinity",
    "",
    "\u0000",
    "\uD800",
    "🔥".repeat(200),
    "x".repeat(100_000),
    null,
    [],
    {},
    true,
    "2026-02-30T25:61:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "'; DROP TABLE usage_events; --",
    "../../etc/passwd",
    "$" + "{7*7}", // template-injection probe
    "<script>alert(1)</script>",
  ),
  fc.integer(),
  fc.double(),
  fc.bigInt().map(String),
);
const event = fc
  .record({
    eventId: fc.oneof(fc.uuid(), nasty),
    timestamp: fc.constant(new Date().toISOString()),
    provider: fc.constantFrom("openai", "anthropic", "x", ""),
    model: fc.constantFrom("gpt-4o", "claude-sonnet-4-5-20250929", "unknown-model"),
    inputTokens: fc.nat({ max: 100_000 }),
    outputTokens: fc.nat({ max: 100_000 }),
  })
  .chain((e) =>
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), nasty), { maxLength: 4 }).map((overrides) => {
      const out: Record<string, unknown> = { ...e };
      for (const [k, v] of overrides) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true });
      return out;
    }),
  );
const hostileEvents = fc.oneof(
  fc.array(event, { minLength: 1, maxLength: 20 }).map((events) => ({ events })),
  event,
  fc.array(event, { minLength: 0, maxLength: 3 }).map((events) => ({ events, extra: "x", events2: events })),
);
const hostileJson = fc.oneof(
  fc.jsonValue(),
  fc.anything().map((v) => ({ events: v })),
  fc.anything(),
);

function jsonBytes(v: unknown): Buffer {
  try {
    return Buffer.from(JSON.stringify(v) ?? "null");
  } catch {
    return Buffer.from("null"); // bigint or cycle: send null
  }
}

const rawBodies = (): Buffer[] => [
  randomBytes(1 + Math.floor(Math.random() * 2000)),
  Buffer.from('{"events":[{"eventId":"a","timestamp":"2026-'),
  Buffer.from("[".repeat(50_000)),
  Buffer.from(`{"events":${"[".repeat(5_000)}${"]".repeat(5_000)}}`),
  Buffer.from(`{"events":[{"inputTokens":1${"0".repeat(5000)}}]}`),
  Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"events":[]}')]),
  Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), // invalid UTF-8
  Buffer.from(""),
  Buffer.from('{"events":[],"events":[{"eventId":1}]}'),
  Buffer.from('{"__proto__":{"admin":true},"events":[{"__proto__":{"priced":true}}]}'),
  Buffer.from(`{"events":[${Array.from({ length: 1001 }, () => `{"eventId":"${randomUUID()}"}`).join(",")}]}`),
];

/** Hostile Authorization headers; 3 requests in 4 carry the valid key, so their bodies get parsed. */
const authHeader = (key: string) => (Math.random() < 0.75 ? `Bearer ${key}` : pick(BAD_AUTHS(key)));
const BAD_AUTHS = (key: string) => [
  "",
  "Bearer",
  "Bearer ",
  `Basic ${Buffer.from("a:b").toString("base64")}`,
  `Bearer br_live_${"x".repeat(40)}`,
  `Bearer br_live_${"A".repeat(5000)}`,
  `bearer ${key}`,
  `Bearer ${key} extra`,
  `Bearer ${key.slice(0, -1)}`,
  "Bearer ' OR 1=1 --",
];
const TYPES = [
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "text/plain",
  "",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "application/jsonx",
  "APPLICATION/JSON",
];
const ENCODINGS = ["", "", "", "gzip", "gzip-garbage", "gzip-bomb", "br", "deflate", "gzip, gzip", "identity"];

/** Any value as text (objects without a prototype cannot go through String()). */
function text(v: unknown): string {
  try {
    return String(v);
  } catch {
    return jsonBytes(v).toString();
  }
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

let bomb: Buffer | undefined;
function gzipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // 64 MB of spaces in ~64 KB
  return bomb;
}

function encode(body: Buffer, headers: Record<string, string>): Buffer {
  const enc = pick(ENCODINGS);
  if (!enc) return body;
  if (enc === "gzip-garbage") {
    headers["content-encoding"] = "gzip";
    return randomBytes(200);
  }
  if (enc === "gzip-bomb") {
    headers["content-encoding"] = "gzip";
    return Math.random() < 0.02 ? gzipBomb() : gzipSync(body);
  }
  headers["content-encoding"] = enc;
  return enc === "gzip" || enc === "gzip, gzip" ? gzipSync(body) : body;
}

const SPEND_PARAMS = ["groupBy", "granularity", "from", "to", "team", "model", "customer", "limit", "cursor", "x"];
const RAW_REQUESTS = (host: string, key: string) => [
  `POST /api/v1/events HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 100\r\nContent-Type: application/json\r\nAuthorization: Bearer ${key}\r\n\r\n{"events":[]}`,
  `POST /api/v1/events HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\nContent-Type: application/json\r\n\r\nzz\r\n`,
  `GET /api/v1/spend?${"a=1&".repeat(10_000)} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${key}\r\n\r\n`,
  `POST /api/v1/events HTTP/1.1\r\nHost: ${host}\r\n${"X-Junk: y\r\n".repeat(200)}\r\n`,
  `GARBAGE\r\n\r\n`,
  `POST /api/v1/events HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n`,
  `POST /api/v1/../../events HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
  `POST /api/v1/events HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n{"events":[{"eventId":"`,
];

/** `n` cases for the app at `host` with API key `key`, in a mix of kinds. */
export function generateCases(n: number, host: string, key: string, seed: number): FuzzCase[] {
  const structured = fc.sample(hostileEvents, { numRuns: n, seed });
  const json = fc.sample(hostileJson, { numRuns: n, seed: seed + 1 });
  const values = fc.sample(nasty, { numRuns: n, seed: seed + 2 });
  const out: FuzzCase[] = [];
  for (let i = 0; i < n; i++) {
    const roll = Math.random();
    const headers: Record<string, string> = {
      authorization: authHeader(key),
      "content-type": Math.random() < 0.7 ? "application/json" : pick(TYPES),
    };
    if (!headers.authorization) delete headers.authorization;
    if (!headers["content-type"]) delete headers["content-type"];
    if (roll < 0.45) {
      out.push({
        kind: "events",
        method: "POST",
        path: "/api/v1/events",
        headers,
        body: encode(jsonBytes(structured[i]), headers),
      });
    } else if (roll < 0.6) {
      out.push({
        kind: "json",
        method: "POST",
        path: "/api/v1/events",
        headers,
        body: encode(jsonBytes(json[i]), headers),
      });
    } else if (roll < 0.72) {
      out.push({
        kind: "raw-body",
        method: "POST",
        path: "/api/v1/events",
        headers,
        body: encode(pick(rawBodies()), headers),
      });
    } else if (roll < 0.85) {
      const params = new URLSearchParams();
      for (let j = Math.floor(Math.random() * 5); j > 0; j--) {
        params.append(pick(SPEND_PARAMS), text(values[(i * 5 + j) % n]).slice(0, 500));
      }
      out.push({
        kind: "spend-query",
        method: "GET",
        path: `/api/v1/spend?${params}`,
        headers: { authorization: headers.authorization ?? "" },
      });
    } else if (roll < 0.95) {
      const path = pick([
        "/api/v1/events",
        "/api/v1/budgets",
        "/api/v1/me",
        "/api/v1/webhooks",
        "/api/v1/budgets/%00",
        "/api/v1/budgets/../../x",
        "/api/health",
        "/api/v1/events?x=%ff",
      ]);
      const method = pick(["GET", "PUT", "DELETE", "PATCH", "POST", "OPTIONS", "HEAD"]);
      out.push({
        kind: "other-route",
        method,
        path,
        headers,
        body: method === "GET" || method === "HEAD" ? undefined : jsonBytes(json[i]),
      });
    } else {
      out.push({ kind: "raw-http", raw: Buffer.from(pick(RAW_REQUESTS(host, key)), "latin1") });
    }
  }
  return out;
}
