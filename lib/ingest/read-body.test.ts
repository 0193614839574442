import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { splitIngestBody, unprefix } from "./parse-ingest-body";
import { MAX_BODY_BYTES, readJsonBody } from "./read-body";

const req = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://x/api/v1/events", { method: "POST", body, headers });
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe("readJsonBody", () => {
  it("reads plain and gzipped JSON", async () => {
    expect(await readJsonBody(req('{"a":1}', { "content-type": "application/json; charset=utf-8" }))).toEqual({ a: 1 });
    const gz = gzipSync(Buffer.from('{"b":2}'));
    expect(await readJsonBody(req(gz, { "content-type": "application/json", "content-encoding": "GZIP" }))).toEqual({
      b: 2,
    });
    expect(
      await readJsonBody(req('{"c":3}', { "content-type": "application/json", "content-encoding": "identity" })),
    ).toEqual({
      c: 3,
    });
  });

  it("refuses other content types and encodings with 415 naming the header", async () => {
    const t = await failure(readJsonBody(req("{}", { "content-type": "text/json" })));
    expect([t.code, t.issues]).toEqual([
      "unsupported_media_type",
      [{ path: "content-type", message: "expected application/json, got text/json" }],
    ]);
    const e = await failure(readJsonBody(req("{}", { "content-type": "application/json", "content-encoding": "br" })));
    expect([e.code, e.issues]).toEqual([
      "unsupported_media_type",
      [{ path: "content-encoding", message: "unsupported: br" }],
    ]);
  });

  it("answers 413 past 5 MB, declared or decompressed (a gzip bomb stops there)", async () => {
    expect(MAX_BODY_BYTES).toBe(5 * 1024 * 1024);
    const declared = await failure(
      readJsonBody(req("{}", { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) })),
    );
    expect(declared.code).toBe("payload_too_large");
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1, 32));
    const e = await failure(
      readJsonBody(req(bomb, { "content-type": "application/json", "content-encoding": "gzip" })),
    );
    expect([e.code, e.issues[0]?.path]).toEqual(["payload_too_large", "body"]);
    const exact = `"${"x".repeat(MAX_BODY_BYTES - 2)}"`;
    expect(((await readJsonBody(req(exact))) as string).length).toBe(MAX_BODY_BYTES - 2);
    const over = await failure(readJsonBody(req(`${exact} `)));
    expect(over.code).toBe("payload_too_large");
  });

  it("says what is wrong in each refusal", async () => {
    const big = await failure(
      readJsonBody(req("{}", { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) })),
    );
    expect([big.message, big.issues]).toEqual([
      "Body exceeds 5242880 bytes (after decompression); send smaller batches",
      [{ path: "body", message: "larger than 5242880 bytes" }],
    ]);
    expect(
      await readJsonBody(req("{}", { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES) })),
    ).toEqual({});
    const type = await failure(readJsonBody(req("{}", { "content-type": "text/plain" })));
    expect(type.message).toBe("Content-Type must be application/json");
    const none = await failure(readJsonBody(new Request("http://x/", { method: "POST" })));
    expect(none.issues).toEqual([{ path: "content-type", message: "expected application/json, got nothing" }]);
    const enc = await failure(
      readJsonBody(req("{}", { "content-type": "application/json", "content-encoding": "br" })),
    );
    expect(enc.message).toBe("Content-Encoding must be gzip or absent");
    const empty = await failure(readJsonBody(req(null)));
    expect([empty.code, empty.message, empty.issues]).toEqual([
      "invalid_request",
      "Body is empty",
      [{ path: "body", message: "empty" }],
    ]);
    const blank = await failure(readJsonBody(req("")));
    expect([blank.code, blank.message, blank.issues]).toEqual([
      "invalid_request",
      "Body is empty",
      [{ path: "body", message: "empty" }],
    ]);
    const gz = await failure(
      readJsonBody(req("xx", { "content-type": "application/json", "content-encoding": "gzip" })),
    );
    expect(gz.issues).toEqual([{ path: "body", message: "corrupt gzip stream" }]);
    const json = await failure(readJsonBody(req("{")));
    const parseError = (() => {
      try {
        JSON.parse("{");
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(json.issues).toEqual([{ path: "body", message: parseError }]);
  });

  it("a body stream that breaks off is a 400, not a gzip error", async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"a":'));
        c.error(new Error("connection reset"));
      },
    });
    const r = new Request("http://x/", {
      method: "POST",
      body: broken,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    const e = await failure(readJsonBody(r));
    expect([e.code, e.message, e.issues]).toEqual([
      "invalid_request",
      "Body could not be read",
      [{ path: "body", message: "incomplete or aborted" }],
    ]);
  });

  it("answers 400 for an empty body, corrupt gzip and malformed JSON", async () => {
    expect((await failure(readJsonBody(req(null)))).issues).toEqual([{ path: "body", message: "empty" }]);
    expect((await failure(readJsonBody(req("")))).message).toBe("Body is empty");
    const gz = await failure(
      readJsonBody(req("not gzip", { "content-type": "application/json", "content-encoding": "gzip" })),
    );
    expect([gz.code, gz.message]).toEqual(["invalid_request", "Body is not valid gzip"]);
    const bad = await failure(readJsonBody(req("{")));
    expect([bad.code, bad.message, bad.issues[0]?.path]).toEqual(["invalid_request", "Body is not valid JSON", "body"]);
  });
});

describe("splitIngestBody", () => {
  it("takes one event object or { events: [...] }", () => {
    expect(splitIngestBody({ eventId: "x" })).toEqual({ events: [{ eventId: "x" }], single: true });
    expect(splitIngestBody({ events: [1, 2] })).toEqual({ events: [1, 2], single: false });
  });

  it("refuses anything else, naming the place", () => {
    for (const body of [[], null, "x", 3]) {
      const e = (() => {
        try {
          splitIngestBody(body);
        } catch (err) {
          return err as AppError;
        }
      })();
      expect([e?.code, e?.message, e?.issues]).toEqual([
        "invalid_request",
        'Body must be an event object or { "events": [...] }',
        [{ path: "body", message: "expected an object" }],
      ]);
    }
    const empty = (() => {
      try {
        splitIngestBody({ events: [] });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(empty?.issues).toEqual([{ path: "events", message: "send at least one event" }]);
    expect(() => splitIngestBody({ events: Array.from({ length: 1001 }, () => ({})) })).toThrow(/at most 1000 events/);
    expect(splitIngestBody({ events: Array.from({ length: 1000 }, () => ({})) }).events).toHaveLength(1000);
  });

  it("unprefixes issue paths of the single-event form", () => {
    expect(unprefix("events[0].model")).toBe("model");
    expect(unprefix("events[0]")).toBe("body");
    expect(unprefix("events[1].model")).toBe("events[1].model");
    expect(unprefix("xevents[0].model")).toBe("xevents[0].model");
  });
});
