// lib/api/request-guards.ts on its own: what the wrapper checks before authentication and before a
// byte of the body is read. Every limit, media type and origin below is stated by hand from the
// module's contract (413 over the limit, 415 unless exactly application/json, 403 for a cross-site
// mutation on a cookie route), at and just beyond each boundary.
process.env.NEXTAUTH_URL = "https://burnrate.example";

import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RouteContract } from "@/lib/api/define-contract";
import {
  DEFAULT_MAX_BODY_BYTES,
  guardRequest,
  maxBodyBytes,
  pathParams,
  readLimitedText,
  requestIdOf,
} from "@/lib/api/request-guards";
import { AppError } from "@/lib/errors";

const contract = (over: Partial<RouteContract> = {}): RouteContract => ({
  name: "test.guards",
  method: "POST",
  path: "/api/test",
  auth: { kind: "session", permission: "budgets.manage" as never },
  summary: "s",
  description: "d",
  body: z.object({}),
  responses: { 200: z.object({}) },
  ...over,
});
const req = (method: string, headers: Record<string, string> = {}, url = "http://internal:3000/api/test") =>
  new NextRequest(url, { method, headers });

/** The AppError a guard throws, as plain data (or "passed"). */
function outcome(run: () => unknown) {
  try {
    run();
    return "passed";
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, message: e.message, issues: e.issues };
  }
}
const guard = (c: RouteContract, r: NextRequest) => outcome(() => guardRequest(c, r));
const json = { "content-type": "application/json" };

describe("guardRequest: size", () => {
  it("refuses a declared size over the route's limit (413), at the limit passes", () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1_048_576);
    expect(maxBodyBytes(contract())).toBe(1_048_576);
    expect(maxBodyBytes(contract({ maxBodyBytes: 10 }))).toBe(10);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(guard(contract(), req(method, { ...json, "content-length": "1048576" })), method).toBe("passed");
      expect(guard(contract(), req(method, { ...json, "content-length": "1048577" })), method).toEqual({
        code: "payload_too_large",
        message: "Body exceeds 1048576 bytes",
        issues: [{ path: "body", message: "larger than 1048576 bytes" }],
      });
    }
    const small = contract({ maxBodyBytes: 10 });
    expect(guard(small, req("POST", { ...json, "content-length": "10" }))).toBe("passed");
    expect(guard(small, req("POST", { ...json, "content-length": "11" }))).toMatchObject({
      code: "payload_too_large",
      message: "Body exceeds 10 bytes",
    });
    const big = contract({ maxBodyBytes: 5_000_000 });
    expect(guard(big, req("POST", { ...json, "content-length": "5000000" }))).toBe("passed");
  });

  it("refuses a Content-Length that is no number; a request without one passes to the reader", () => {
    expect(guard(contract(), req("POST", { ...json, "content-length": "12abc" }))).toMatchObject({
      code: "payload_too_large",
    });
    expect(guard(contract(), req("POST", json))).toBe("passed");
  });

  it("checks nothing on reads (GET, HEAD, OPTIONS)", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(
        guard(
          contract(),
          req(method, { "content-length": "99999999", "content-type": "text/plain", origin: "https://evil.example" }),
        ),
        method,
      ).toBe("passed");
  });
});

describe("guardRequest: media type", () => {
  it("needs exactly application/json, parameters and case aside, on routes with a body (415)", () => {
    for (const type of ["application/json", "application/json; charset=utf-8", " Application/JSON ;q=1"])
      expect(guard(contract(), req("POST", { "content-type": type })), type).toBe("passed");
    expect(guard(contract(), req("POST", { "content-type": "text/plain;application/json" }))).toEqual({
      code: "unsupported_media_type",
      message: "Content-Type must be application/json",
      issues: [{ path: "content-type", message: "expected application/json, got text/plain;application/json" }],
    });
    expect(guard(contract(), req("POST"))).toEqual({
      code: "unsupported_media_type",
      message: "Content-Type must be application/json",
      issues: [{ path: "content-type", message: "expected application/json, got nothing" }],
    });
  });

  it("does not care about the media type of a route without a body", () => {
    expect(guard(contract({ body: undefined }), req("POST", { "content-type": "text/plain" }))).toBe("passed");
    expect(guard(contract({ body: undefined }), req("DELETE"))).toBe("passed");
  });
});

describe("guardRequest: origin of cookie-authenticated mutations", () => {
  const forbidden = (what: string) => ({
    code: "forbidden",
    message: "Cross-origin request refused",
    issues: [{ path: "origin", message: `${what} is not this site` }],
  });

  it("refuses another origin, the opaque origin and a cross-site fetch (403)", () => {
    expect(guard(contract(), req("POST", { ...json, origin: "https://evil.example" }))).toEqual(
      forbidden("https://evil.example"),
    );
    expect(guard(contract(), req("POST", { ...json, origin: "null" }))).toEqual(forbidden("null"));
    expect(guard(contract(), req("POST", { ...json, "sec-fetch-site": "cross-site" }))).toEqual(
      forbidden("cross-site"),
    );
    expect(
      guard(contract(), req("POST", { ...json, origin: "https://burnrate.example", "sec-fetch-site": "cross-site" })),
    ).toEqual(forbidden("https://burnrate.example"));
    // The public URL's origin, on another port or scheme, is another origin.
    expect(guard(contract(), req("POST", { ...json, origin: "http://burnrate.example" }))).toEqual(
      forbidden("http://burnrate.example"),
    );
  });

  it("accepts the public URL's origin, the request's own origin, and same-site or absent hints", () => {
    expect(guard(contract(), req("POST", { ...json, origin: "https://burnrate.example" }))).toBe("passed");
    expect(guard(contract(), req("POST", { ...json, origin: "http://internal:3000" }))).toBe("passed");
    expect(guard(contract(), req("POST", { ...json, "sec-fetch-site": "same-origin" }))).toBe("passed");
    expect(guard(contract(), req("POST", { ...json, "sec-fetch-site": "same-site" }))).toBe("passed");
    expect(guard(contract(), req("POST", json))).toBe("passed");
    for (const auth of [{ kind: "public" as const }, { kind: "user" as const }])
      expect(guard(contract({ auth }), req("POST", { ...json, origin: "https://evil.example" })), auth.kind).toEqual(
        forbidden("https://evil.example"),
      );
  });

  it("API-key routes are not called by browsers with cookies: no origin check", () => {
    const apiKey = contract({ auth: { kind: "apiKey", scope: "ingest" } });
    expect(guard(apiKey, req("POST", { ...json, origin: "https://evil.example" }))).toBe("passed");
    expect(guard(apiKey, req("POST", { ...json, "sec-fetch-site": "cross-site" }))).toBe("passed");
    // …but their size and media type are checked all the same.
    expect(guard(apiKey, req("POST", { "content-type": "text/plain" }))).toMatchObject({
      code: "unsupported_media_type",
    });
  });
});

describe("requestIdOf", () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  it("echoes a plain token of 1 to 128 characters, else makes a new UUID", () => {
    for (const ok of ["a", "req-1.2_3:4", "x".repeat(128), "ABCxyz09"])
      expect(requestIdOf(req("GET", { "x-request-id": ok }))).toBe(ok);
    for (const bad of ["x".repeat(129), "a b", "a/b", "é", "a\tb"])
      expect(requestIdOf(req("GET", { "x-request-id": bad })), bad).toMatch(uuid);
    expect(requestIdOf(req("GET"))).toMatch(uuid);
    expect(requestIdOf(req("GET"))).not.toBe(requestIdOf(req("GET")));
  });
});

describe("readLimitedText", () => {
  const streamed = (chunks: string[]) =>
    new Request("http://x/", {
      method: "POST",
      body: new ReadableStream<Uint8Array>({
        start(c) {
          for (const s of chunks) c.enqueue(new TextEncoder().encode(s));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);

  it("reads up to the limit across chunks, as UTF-8", async () => {
    expect(await readLimitedText(streamed(["ab", "cd", "€"]), 7)).toBe("abcd€"); // € is 3 bytes: 7 in all
    expect(await readLimitedText(new Request("http://x/"), 0)).toBe("");
  });

  it("stops at the first byte over the limit (413)", async () => {
    await expect(readLimitedText(streamed(["ab", "cd", "€"]), 6)).rejects.toMatchObject({
      code: "payload_too_large",
      message: "Body exceeds 6 bytes",
    });
    await expect(readLimitedText(streamed(["abc"]), 2)).rejects.toMatchObject({ code: "payload_too_large" });
  });
});

describe("pathParams", () => {
  const of = (params: Record<string, string | string[]>) => pathParams({ params: Promise.resolve(params) });
  const bad = (name: string) => ({
    code: "invalid_request",
    message: `Malformed path parameter ${name}`,
    issues: [{ path: name, message: "malformed" }],
  });
  const err = (p: Promise<unknown>) =>
    p.then(
      () => "passed",
      (e: AppError) => ({ code: e.code, message: e.message, issues: e.issues }),
    );

  it("passes Next.js's decoded parameters through; none is {}", async () => {
    expect(await of({ org: "acme", id: "k-1" })).toEqual({ org: "acme", id: "k-1" });
    expect(await of({ org: "100%25 real" })).toEqual({ org: "100%25 real" }); // a well-formed escape left as sent
    expect(await pathParams(undefined)).toEqual({});
    expect(await pathParams({ params: Promise.resolve(undefined as never) })).toEqual({});
  });

  it("refuses a malformed escape, a NUL or more than 200 characters (400 naming the parameter)", async () => {
    for (const v of ["%zz", "a%g1", "%4", "ab%", "%", "a\u0000b", "x".repeat(201)])
      expect(await err(of({ org: "acme", id: v })), JSON.stringify(v)).toEqual(bad("id"));
    expect(await err(of({ id: "x".repeat(200) }))).toBe("passed");
    expect(await err(of({ slug: ["a", "%zz"] }))).toEqual(bad("slug")); // catch-all segments, joined
    expect(await err(of({ slug: ["a".repeat(100), "b".repeat(100)] }))).toEqual(bad("slug")); // 201 with the "/"
  });

  it("turns a params promise Next.js could not decode into a 400, not a 500", async () => {
    expect(await err(pathParams({ params: Promise.reject(new URIError("URI malformed")) }))).toEqual({
      code: "invalid_request",
      message: "Malformed path",
      issues: [{ path: "path", message: "bad percent-encoding" }],
    });
  });
});
