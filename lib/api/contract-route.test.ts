import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
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
    expect(res.headers.get("x-request-id")).toBeTruthy();
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
