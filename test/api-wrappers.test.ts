import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineContract } from "@/lib/api/define-contract";
import { withApiKey } from "@/lib/api/with-api-key";
import { withPublic } from "@/lib/api/with-public";
import { withSession, withUser } from "@/lib/api/with-session";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { revokeApiKey } from "@/lib/apikeys/revoke-api-key";
import type { SessionUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/net/client-address";
import { redis, redisKey } from "@/lib/redis/connection";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

// The session is next-auth's cookie in the app; here, whoever the test says is signed in.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ currentUser: async () => session.user }));

afterAll(closeConnections);
beforeEach(() => {
  session.user = null;
});

const out = z.object({ orgId: z.string(), orgSlug: z.string(), actor: z.string(), extra: z.string() });
const keyContract = defineContract({
  name: "test.keyRoute",
  method: "GET",
  path: "/api/v1/test",
  auth: { kind: "apiKey", scope: "read" },
  summary: "t",
  description: "t",
  responses: { 200: out },
});
const sessionContract = defineContract({
  name: "test.sessionRoute",
  method: "GET",
  path: "/api/orgs/{org}/test",
  auth: { kind: "session", permission: "budgets:manage" },
  summary: "t",
  description: "t",
  responses: { 200: out },
});
const userContract = defineContract({
  name: "test.userRoute",
  method: "GET",
  path: "/api/test-user",
  auth: { kind: "user" },
  summary: "t",
  description: "t",
  responses: { 200: z.object({ email: z.string() }) },
});
const publicContract = defineContract({
  name: "test.publicRoute",
  method: "GET",
  path: "/api/test-public",
  auth: { kind: "public", rateLimit: "SIGNUP_RATE_LIMIT_PER_MINUTE" },
  summary: "t",
  description: "t",
  responses: { 200: z.object({ address: z.string() }) },
});

const keyRoute = withApiKey(keyContract, async (ctx) => ({
  orgId: ctx.orgId,
  orgSlug: ctx.orgSlug,
  actor: `${ctx.actor.type}:${ctx.actor.type === "apiKey" ? ctx.actor.apiKeyId : ""}`,
  extra: JSON.stringify([ctx.role, ctx.scopes, ctx.defaultAttribution, ctx.allowBackfill]),
}));
const sessionRoute = withSession(sessionContract, async (ctx) => ({
  orgId: ctx.orgId,
  orgSlug: ctx.orgSlug,
  actor: `${ctx.actor.type}:${ctx.actor.type === "user" ? ctx.actor.userId : ""}`,
  extra: JSON.stringify([ctx.role, ctx.user.email, ctx.scopes]),
}));
const userRoute = withUser(userContract, async (ctx) => ({ email: ctx.user.email }));
const publicRoute = withPublic(publicContract, async (ctx) => ({ address: ctx.clientAddress }));

const get = (url: string, headers: Record<string, string> = {}) => new NextRequest(url, { headers });
const callKey = (authorization?: string) =>
  keyRoute(get("http://x/api/v1/test?orgId=someone-else", authorization ? { authorization } : {}), {
    params: Promise.resolve({}),
  });
const callSession = (slug: string) =>
  sessionRoute(get(`http://x/api/orgs/${slug}/test`), { params: Promise.resolve({ org: slug }) });
const errorOf = async (res: Response) => ({ status: res.status, ...(await res.json()).error });

describe("withApiKey", () => {
  it("resolves the organisation from the key alone, with the key's scopes and attribution", async () => {
    const org = await newOrg("wrap-key");
    const key = await createApiKey(org, { name: "svc", scopes: ["read"], defaultAttribution: { team: "t1" } });
    for (const auth of [`Bearer ${key.secret}`, `bearer   ${key.secret}`]) {
      const res = await callKey(auth);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(await res.json()).toEqual({
        orgId: org.orgId,
        orgSlug: org.orgSlug,
        actor: `apiKey:${key.id}`,
        extra: JSON.stringify([null, ["read"], { team: "t1" }, false]),
      });
    }
  });

  it("refuses a missing, malformed, unknown or revoked key with 401, and a key without the scope with 403", async () => {
    const org = await newOrg("wrap-key-no");
    const ingestOnly = await createApiKey(org, { name: "i", scopes: ["ingest"] });
    const revoked = await createApiKey(org, { name: "r", scopes: ["read"] });
    await revokeApiKey(org, revoked.id);
    for (const auth of [
      undefined,
      `Basic ${ingestOnly.secret}`,
      `Bearer`,
      `Bearer a b`,
      "Bearer br_live_nope",
      `Bearer ${revoked.secret}`,
    ]) {
      const e = await errorOf(await callKey(auth));
      expect(e, String(auth)).toMatchObject({ status: 401, code: "unauthorized" });
      expect(e.issues[0].path).toBe("authorization");
    }
    expect(await errorOf(await callKey())).toMatchObject({
      message: "Missing API key: send Authorization: Bearer <key>",
      issues: [{ path: "authorization", message: "missing or not a Bearer token" }],
    });
    expect(await errorOf(await callKey(`Bearer ${revoked.secret}`))).toMatchObject({
      message: "Invalid or revoked API key",
      issues: [{ path: "authorization", message: "invalid or revoked API key" }],
    });
    const e = await errorOf(await callKey(`Bearer ${ingestOnly.secret}`));
    expect(e).toMatchObject({ status: 403, code: "forbidden", message: "This API key lacks the 'read' scope" });
    expect(e.issues).toEqual([{ path: "authorization", message: "scope 'read' required" }]);
  });
});

describe("withApiKey: the header and the rate limit", () => {
  it("takes exactly `Bearer <key>`: nothing before, nothing after", async () => {
    const org = await newOrg("wrap-key-exact");
    const key = await createApiKey(org, { name: "svc", scopes: ["read"] });
    expect((await callKey(`Bearer ${key.secret}`)).status).toBe(200);
    expect((await callKey(`xBearer ${key.secret}`)).status).toBe(401);
    expect((await callKey(`Bearer ${key.secret} extra`)).status).toBe(401);
  });

  it("counts each key in its own rate-limit bucket", async () => {
    const org = await newOrg("wrap-key-rate");
    const key = await createApiKey(org, { name: "svc", scopes: ["read"] });
    const window = String(Math.floor(Date.now() / 60_000));
    await callKey(`Bearer ${key.secret}`);
    await callKey(`Bearer ${key.secret}`);
    expect(Number(await redis().get(redisKey("ratelimit", `key:${key.id}`, window)))).toBeGreaterThanOrEqual(2);
  });
});

describe("withSession", () => {
  it("takes the organisation from the path slug checked against the user's memberships", async () => {
    const a = await newOrg("wrap-a");
    const b = await newOrg("wrap-b");
    session.user = { id: a.actor.type === "user" ? a.actor.userId : "", email: a.email, name: null };
    const res = await callSession(a.orgSlug);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      orgId: a.orgId,
      orgSlug: a.orgSlug,
      actor: `user:${session.user.id}`,
      extra: JSON.stringify(["OWNER", a.email, []]),
    });
    // Not a member of b: 404, never 403.
    expect(await errorOf(await callSession(b.orgSlug))).toMatchObject({
      status: 404,
      code: "not_found",
      message: "Organisation not found",
    });
  });

  it("checks the contract's permission for the member's role", async () => {
    const a = await newOrg("wrap-roles");
    const viewer = await newOrg("wrap-viewer");
    const userId = viewer.actor.type === "user" ? viewer.actor.userId : "";
    const membership = await db().membership.create({ data: { userId, orgId: a.orgId, role: "VIEWER" } });
    session.user = { id: userId, email: viewer.email, name: null };
    const e = await errorOf(await callSession(a.orgSlug));
    expect(e).toMatchObject({
      status: 403,
      code: "forbidden",
      message: "Your role (VIEWER) cannot do this (needs budgets:manage)",
    });
    await db().membership.update({ where: { id: membership.id }, data: { role: "FINANCE" } });
    expect((await callSession(a.orgSlug)).status).toBe(200);
  });

  it("answers 401 when nobody is signed in", async () => {
    const a = await newOrg("wrap-anon");
    expect(await errorOf(await callSession(a.orgSlug))).toMatchObject({ status: 401, code: "unauthorized" });
    const res = await userRoute(get("http://x/api/test-user"), { params: Promise.resolve({}) });
    expect(await errorOf(res)).toMatchObject({ status: 401, code: "unauthorized", message: "Sign in first" });
  });
});

describe("withUser and withPublic", () => {
  it("withUser gives the signed-in user without an organisation", async () => {
    session.user = { id: "u1", email: "u1@test.local", name: null };
    const res = await userRoute(get("http://x/api/test-user"), { params: Promise.resolve({}) });
    expect(await res.json()).toEqual({ email: "u1@test.local" });
  });

  it("withPublic takes the client address the HTTP edge resolved and limits per address", async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const call = (headers: Record<string, string>) =>
      publicRoute(get("http://x/api/test-public", headers), { params: Promise.resolve({}) });
    const from = (a: string) => ({ [CLIENT_ADDRESS_HEADER]: a });
    expect(await (await call(from(ip))).json()).toEqual({ address: ip });
    expect(await (await call({})).json()).toEqual({ address: "unknown" });
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++) last = (await call(from(ip))).status;
    expect(last).toBe(429); // SIGNUP_RATE_LIMIT_PER_MINUTE is 20
    expect((await call(from(`${ip}1`))).status).toBe(200);
  });

  it("withPublic without a declared limit counts nothing", async () => {
    const open = withPublic({ ...publicContract, name: "test.unlimited", auth: { kind: "public" } }, async (ctx) => ({
      address: ctx.clientAddress,
    }));
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    await open(get("http://x/api/test-public", { [CLIENT_ADDRESS_HEADER]: ip }), { params: Promise.resolve({}) });
    const window = String(Math.floor(Date.now() / 60_000));
    expect(await redis().keys(redisKey("ratelimit", `test.unlimited:${ip}`, window))).toEqual([]);
    expect(await redis().keys(redisKey("ratelimit", `undefined:${ip}`, window))).toEqual([]);
  });
});
