import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { z } from "zod";
import { contractRoute } from "./contract-route";
import { defineContract, reply } from "./define-contract";

const contract = defineContract({
  name: "test.widgets",
  method: "POST",
  path: "/api/test/{org}/widgets",
  auth: { kind: "public" },
  summary: "Widgets",
  description: "A contract for this test only.",
  query: z.strictObject({ limit: z.coerce.number().int().max(10).optional() }),
  body: z.strictObject({ name: z.string().min(1) }),
  responses: { 201: z.object({ id: z.string(), name: z.string(), org: z.string() }) },
});

const call = (
  handler: Parameters<typeof contractRoute<typeof contract, null>>[2],
  url = "http://x/api/test/acme/widgets",
  body: unknown = { name: "w" },
) =>
  contractRoute(
    contract,
    async () => null,
    handler,
  )(
    new NextRequest(url, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    }),
    { params: Promise.resolve({ org: "acme" }) },
  );

describe("contractRoute", () => {
  const ok = async (_: null, { params, body }: { params: { org: string }; body: { name: string } }) =>
    reply(201, { id: "w1", name: body.name, org: params.org });

  it("parses params, query and body with the contract and answers the declared status", async () => {
    const res = await call(ok, "http://x/api/test/acme/widgets?limit=3");
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: "w1", name: "w", org: "acme" });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("answers a bad query or body field with a 400 naming it", async () => {
    const q = await call(ok, "http://x/api/test/acme/widgets?limit=99");
    expect(q.status).toBe(400);
    expect((await q.json()).error.issues[0].path).toBe("limit");
    const b = await call(ok, undefined, { name: "" });
    expect(b.status).toBe(400);
    expect((await b.json()).error.issues[0].path).toBe("name");
  });

  it("turns a response that drifts from the contract into a 500 under test", async () => {
    const drift = await call(async () => reply(201, { id: 7, name: "w", org: "acme" } as never));
    expect(drift.status).toBe(500);
    expect((await drift.json()).error.issues[0].path).toBe("id");
    const undeclared = await call(async () => reply(200 as 201, { id: "w1", name: "w", org: "acme" }));
    expect(undeclared.status).toBe(500);
  });
});

describe("contractRoute: request id, success status, raw bodies, unexpected errors", () => {
  const make = (responses: Record<number, z.ZodType>, extra: Record<string, unknown> = {}) =>
    defineContract({
      name: "test.more",
      method: "POST",
      path: "/api/test/more",
      auth: { kind: "public" },
      summary: "t",
      description: "t",
      body: z.strictObject({ name: z.string() }),
      responses,
      ...extra,
    });
  const req = (body: string, headers: Record<string, string> = {}) =>
    new NextRequest("http://x/api/test/more", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    });
  const ok = z.object({ ok: z.boolean() });
  const noParams = { params: Promise.resolve({}) };

  it("echoes the caller's x-request-id, and carries its contract", async () => {
    const c = make({ 200: ok });
    const route = contractRoute(
      c,
      async () => null,
      async () => ({ ok: true }),
    );
    expect(route.contract).toBe(c);
    const res = await route(req('{"name":"a"}', { "x-request-id": "req-123" }), noParams);
    expect(res.headers.get("x-request-id")).toBe("req-123");
  });

  it("answers the one declared 2xx status; 1xx and 3xx do not count, two 2xx are a contract error", async () => {
    const status = async (responses: Record<number, z.ZodType>) =>
      (
        await contractRoute(
          make(responses),
          async () => null,
          async () => ({ ok: true }),
        )(req('{"name":"a"}'), noParams)
      ).status;
    expect(await status({ 100: ok, 201: ok })).toBe(201);
    expect(await status({ 201: ok, 300: ok })).toBe(201);
    const error = vi.spyOn(log, "error").mockImplementation(() => undefined);
    expect(await status({ 200: ok, 299: ok })).toBe(500);
    expect(error.mock.calls[0]?.[0]).toMatchObject({
      err: { message: "test.more: declares 2 success statuses; reply() with one" },
    });
    error.mockRestore();
  });

  it("leaves the body to a handler that reads it itself (parseBody: false)", async () => {
    let seen: unknown = "unset";
    const route = contractRoute(
      make({ 200: ok }, { parseBody: false }),
      async () => null,
      async (_ctx, input) => {
        seen = input.body;
        return { ok: true };
      },
    );
    expect((await route(req("not json"), noParams)).status).toBe(200);
    expect(seen).toBeUndefined();
  });

  it("logs an unexpected error with the request id and route, and answers a bare 500", async () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const boom = new Error("db password in here");
    const route = contractRoute(
      make({ 200: ok }),
      async () => null,
      async () => {
        throw boom;
      },
    );
    const res = await route(req('{"name":"a"}', { "x-request-id": "req-9" }), noParams);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: { code: "internal_error", message: "Something went wrong on our side. It has been logged." },
    });
    expect(error).toHaveBeenCalledWith(
      { err: boom, requestId: "req-9", route: "test.more" },
      "unhandled error in route handler",
    );
    error.mockRestore();
  });
});
