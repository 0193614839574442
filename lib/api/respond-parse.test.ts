import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseJsonBody, parseQuery } from "./parse";
import { errorResponse } from "./respond";

const post = (body: string, type: string | null = "application/json") =>
  new Request("http://x/", { method: "POST", body, headers: type ? { "content-type": type } : {} });
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};

describe("errorResponse: one status per error code", () => {
  it.each([
    ["invalid_request", 400],
    ["unauthorized", 401],
    ["forbidden", 403],
    ["not_found", 404],
    ["conflict", 409],
    ["payload_too_large", 413],
    ["unsupported_media_type", 415],
    ["rate_limited", 429],
    ["internal_error", 500],
  ] as const)("%s is %i", async (code, status) => {
    const res = errorResponse(new AppError(code, "m", [{ path: "p", message: "q" }]));
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message: "m", issues: [{ path: "p", message: "q" }] } });
    expect(res.headers.get("retry-after")).toBeNull();
  });

  it("gives Retry-After in whole seconds, at least 1", () => {
    expect(errorResponse(new AppError("rate_limited", "m", [], 17)).headers.get("retry-after")).toBe("17");
    expect(errorResponse(new AppError("rate_limited", "m", [], 0)).headers.get("retry-after")).toBe("1");
  });

  it("hides anything else behind a logged 500 with the same shape", async () => {
    const res = errorResponse(new Error("secret internals"));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe("internal_error");
    expect(JSON.stringify(body)).not.toContain("secret internals");
  });
});

describe("parseJsonBody (the media type is checked earlier, by guardRequest)", () => {
  const schema = z.strictObject({ name: z.string() });

  it("parses a JSON body whatever the case and parameters of its content type", async () => {
    expect(await parseJsonBody(post('{"name":"a"}', "Application/JSON; charset=utf-8"), schema, 1_000_000)).toEqual({
      name: "a",
    });
  });

  it("answers malformed JSON, a NUL character and a bad field with 400 naming the place", async () => {
    const malformed = await failure(parseJsonBody(post("{"), schema, 1_000_000));
    expect([malformed.code, malformed.message, malformed.issues]).toEqual([
      "invalid_request",
      "Body is not valid JSON",
      [{ path: "body", message: "malformed JSON" }],
    ]);
    const nul = await failure(parseJsonBody(post('{"name":"a\\u0000"}'), schema, 1_000_000));
    expect([nul.code, nul.message]).toEqual(["invalid_request", "name: must not contain NUL characters"]);
    expect(nul.issues).toEqual([{ path: "name", message: "must not contain NUL (\\u0000) characters" }]);
    expect((await failure(parseJsonBody(post('{"name":1}'), schema, 1_000_000))).issues[0]?.path).toBe("name");
  });
});

describe("parseQuery", () => {
  const schema = z.strictObject({
    team: z.union([z.string(), z.array(z.string())]).optional(),
    limit: z.string().optional(),
  });

  it("keeps one value as a string and repeated values as an array", () => {
    expect(parseQuery("http://x/?team=a&team=b&limit=3", schema)).toEqual({ team: ["a", "b"], limit: "3" });
    expect(parseQuery("http://x/?team=a", schema)).toEqual({ team: "a" });
  });

  it("refuses an undeclared parameter (an org id in the query is never read)", () => {
    expect(() => parseQuery("http://x/?orgId=other", schema)).toThrow(AppError);
  });
});
