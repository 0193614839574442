import { expect, request, test } from "@playwright/test";
import { createAccount, type Account } from "../support/accounts";
import { query } from "../support/db";

test.describe("HTTP hardening", () => {
  let owner: Account;
  test.beforeAll(async ({ baseURL }) => {
    owner = await createAccount(baseURL!, "harden");
  });

  test("security headers on pages and API answers: CSP without framing, nosniff, Referrer-Policy", async () => {
    for (const path of ["/login", `/${owner.orgSlug}/settings/members`, "/api/health", "/api/auth/session"]) {
      const res = await owner.api.get(path);
      const h = res.headers();
      expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(h["content-security-policy"], path).toContain("default-src 'self'");
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(h["x-frame-options"], path).toBe("DENY");
    }
  });

  test("oversized bodies get 413 on every kind of route, before they are parsed", async ({ baseURL }) => {
    const big = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) });
    const anon = await request.newContext({ baseURL });
    const signup = await anon.post("/api/auth/signup", { data: big, headers: { "content-type": "application/json" } });
    expect(signup.status()).toBe(413);
    expect(
      (await owner.api.post("/api/orgs", { data: big, headers: { "content-type": "application/json" } })).status(),
    ).toBe(413);
    const members = await owner.api.post(`/api/orgs/${owner.orgSlug}/members`, {
      data: big,
      headers: { "content-type": "application/json" },
    });
    expect(members.status()).toBe(413);
    const { csrfToken } = await (await anon.get("/api/auth/csrf")).json();
    const auth = await anon.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: "a@b.co", password: "p".repeat(20_000), json: "true" },
    });
    expect(auth.status()).toBe(413);
    await anon.dispose();
  });

  test("a cross-origin text/plain POST cannot create an organisation", async () => {
    const name = `csrf-${Date.now()}`;
    const plain = await owner.api.post("/api/orgs", {
      data: JSON.stringify({ name }),
      headers: { "content-type": "text/plain;application/json", origin: "https://evil.example" },
    });
    expect([403, 415]).toContain(plain.status());
    const json = await owner.api.post("/api/orgs", {
      data: { name },
      headers: { origin: "https://evil.example" },
    });
    expect(json.status()).toBe(403);
    expect(await query(`SELECT 1 FROM organizations WHERE name = $1`, [name])).toHaveLength(0);
  });

  test("a malformed path parameter is a 4xx, not a 500", async () => {
    for (const path of [
      "/api/invites/%ZZ/accept",
      "/api/invites/%E0%A4%A/accept",
      `/api/orgs/${owner.orgSlug}/api-keys/%ZZ`,
    ]) {
      const res = await owner.api.fetch(path, { method: path.endsWith("accept") ? "POST" : "DELETE" });
      expect(res.status(), path).toBeGreaterThanOrEqual(400);
      expect(res.status(), path).toBeLessThan(500);
    }
  });

  test("a new API key's response is never cached; a forged x-request-id is not echoed", async () => {
    const res = await owner.api.post(`/api/orgs/${owner.orgSlug}/api-keys`, {
      data: { name: "no-store", scopes: ["read"] },
      headers: { "x-request-id": "bad id\twith tab" },
    });
    expect(res.status()).toBe(201);
    expect(res.headers()["cache-control"]).toBe("no-store");
    expect(res.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const ok = await owner.api.get(`/api/orgs/${owner.orgSlug}/members`, { headers: { "x-request-id": "trace-42" } });
    expect(ok.headers()["x-request-id"]).toBe("trace-42");
  });
});
