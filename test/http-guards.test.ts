// The one wrapper layer (lib/api) through real route handlers, Postgres and Redis: early 413, exact JSON
// media type, same-origin mutations, validated x-request-id, no-store, the per-user rate limit, bounded
// date ranges, and the sign-up throttle keyed on the resolved client address, never X-Forwarded-For.
process.env.SIGNUP_RATE_LIMIT_PER_MINUTE = "3";
process.env.SESSION_RATE_LIMIT_PER_MINUTE = "5";

import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/net/client-address";
import { disconnectRedis } from "@/lib/redis/connection";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: null } }));
vi.mock("@/lib/auth/current-user", () => ({ currentUser: async () => session.user }));

const { POST: signUpRoute } = await import("@/app/api/auth/signup/route");
const { GET: listOrgs, POST: createOrg } = await import("@/app/api/orgs/route");
const { GET: activeEndUsers } = await import("@/app/api/orgs/[org]/active-end-users/route");

afterAll(async () => {
  await disconnectRedis();
  await closeConnections();
});

type Route = (req: NextRequest, args: { params: Promise<Record<string, string>> }) => Promise<Response>;
function call(route: unknown, url: string, init: RequestInit & { params?: Record<string, string> } = {}) {
  const { params = {}, ...rest } = init;
  return (route as Route)(new NextRequest(`http://localhost:3000${url}`, rest as never), {
    params: Promise.resolve(params),
  });
}
const signUpBody = () =>
  JSON.stringify({
    email: `g-${randomUUID().slice(0, 8)}@test.local`,
    password: "correct horse battery",
    organizationName: "G",
  });

describe("request guards in the wrapper", () => {
  it("refuses a body declared larger than the route's limit with 413, before reading it", async () => {
    const res = await call(signUpRoute, "/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) },
      body: "{}",
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });

  it("stops reading a body without Content-Length at the limit (413)", async () => {
    const big = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode(`{"x":"${"a".repeat(64 * 1024)}"}`));
        c.close();
      },
    });
    session.user = null;
    const res = await call(signUpRoute, "/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: `chunked-${randomUUID()}` },
      body: big,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("needs exactly application/json on routes that take a body (415)", async () => {
    for (const type of [
      "text/plain;application/json",
      "text/plain",
      "application/jsonp",
      "application/x-www-form-urlencoded",
    ]) {
      const res = await call(createOrg, "/api/orgs", {
        method: "POST",
        headers: { "content-type": type },
        body: JSON.stringify({ name: "x" }),
      });
      expect(res.status, type).toBe(415);
    }
  });

  it("refuses a cookie-authenticated mutation from another origin (403), accepts its own origin", async () => {
    const owner = await newOrg("origin");
    session.user = { id: (owner.actor as { userId: string }).userId, email: owner.email, name: null };
    const evil = await call(createOrg, "/api/orgs", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ name: "csrf" }),
    });
    expect(evil.status).toBe(403);
    const site = await call(createOrg, "/api/orgs", {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ name: "csrf" }),
    });
    expect(site.status).toBe(403);
    const own = await call(createOrg, "/api/orgs", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", origin: "http://localhost:3000" },
      body: JSON.stringify({ name: "mine" }),
    });
    expect(own.status, await own.clone().text()).toBe(201);
    expect(own.headers.get("cache-control")).toBe("no-store");
  });

  it("echoes a plain x-request-id and replaces anything else", async () => {
    session.user = null;
    const ok = await call(listOrgs, "/api/orgs", { headers: { "x-request-id": "req-123.abc" } });
    expect(ok.headers.get("x-request-id")).toBe("req-123.abc");
    for (const bad of ["a b", "x".repeat(200), "evil\u00e9", "<script>"]) {
      const res = await call(listOrgs, "/api/orgs", {
        headers: { "x-request-id": encodeURI(bad).length > 8000 ? "" : bad },
      });
      expect(res.headers.get("x-request-id"), bad).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("limits each signed-in user's dashboard requests (SESSION_RATE_LIMIT_PER_MINUTE = 5 here)", async () => {
    const owner = await newOrg("busy");
    session.user = { id: (owner.actor as { userId: string }).userId, email: owner.email, name: null };
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(listOrgs, "/api/orgs")).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it("bounds the active-end-users range (a 0000-to-9999 query is a 400, not a scan)", async () => {
    const owner = await newOrg("range");
    session.user = { id: (owner.actor as { userId: string }).userId, email: owner.email, name: null };
    const res = await call(
      activeEndUsers,
      `/api/orgs/${owner.orgSlug}/active-end-users?from=0000-01-01T00:00:00Z&to=9999-12-31T00:00:00Z`,
      {
        params: { org: owner.orgSlug },
      },
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe("from");
  });
});

describe("sign-up throttle", () => {
  it("is keyed on the resolved client address: a new X-Forwarded-For each time does not get around it", async () => {
    session.user = null;
    const client = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(signUpRoute, "/api/auth/signup", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `198.51.100.${i}`,
          [CLIENT_ADDRESS_HEADER]: client,
        },
        body: signUpBody(),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    // Another client is not blocked by this one.
    const other = await call(signUpRoute, "/api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: `${client}9` },
      body: signUpBody(),
    });
    expect(other.status).toBe(201);
  });
});
