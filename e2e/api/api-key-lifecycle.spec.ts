import { expect, test } from "@playwright/test";
import { createAccount, createKey, type Account } from "../support/accounts";

test.describe("API key lifecycle", () => {
  let owner: Account;
  test.beforeAll(async ({ baseURL }) => {
    owner = await createAccount(baseURL!, "keys");
  });

  test("created, shown once, used, listed with last use, revoked and refused at once", async ({
    playwright,
    baseURL,
  }) => {
    const key = await createKey(owner, ["read"], "lifecycle");
    expect(key.secret).toMatch(/^br_live_[A-Za-z0-9_-]{32}$/);
    const svc = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
    });

    const before = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/api-keys`)).json();
    const listed = before.apiKeys.find((k: { id: string }) => k.id === key.id);
    expect(listed.prefix).toBe(key.secret.slice(0, 12));
    expect(JSON.stringify(before)).not.toContain(key.secret);
    expect(listed.lastUsedAt).toBeNull();

    expect((await svc.get("/api/v1/me")).status()).toBe(200);
    await expect
      .poll(
        async () =>
          (await (await owner.api.get(`/api/orgs/${owner.orgSlug}/api-keys`)).json()).apiKeys.find(
            (k: { id: string }) => k.id === key.id,
          ).lastUsedAt,
      )
      .not.toBeNull();

    const revoked = await owner.api.delete(`/api/orgs/${owner.orgSlug}/api-keys/${key.id}`);
    expect(revoked.status()).toBe(200);
    const refused = await svc.get("/api/v1/me");
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.code).toBe("unauthorized");

    const audit = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/audit`)).json();
    const actions = audit.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(["api_key.created", "api_key.revoked"]));
    await svc.dispose();
  });

  test("a key without the scope gets 403; garbage and missing keys get 401", async ({ playwright, baseURL }) => {
    const ingestOnly = await createKey(owner, ["ingest"], "ingest only");
    const ctx = await playwright.request.newContext({ baseURL });
    const noScope = await ctx.get("/api/v1/me", { headers: { authorization: `Bearer ${ingestOnly.secret}` } });
    expect(noScope.status()).toBe(403);
    expect(
      (
        await ctx.get("/api/v1/me", { headers: { authorization: "Bearer br_live_notarealkeyatall0000000000" } })
      ).status(),
    ).toBe(401);
    const missing = await ctx.get("/api/v1/me");
    expect(missing.status()).toBe(401);
    expect((await missing.json()).error.issues[0].path).toBe("authorization");
    await ctx.dispose();
  });

  test("bad input names the field", async () => {
    const res = await owner.api.post(`/api/orgs/${owner.orgSlug}/api-keys`, { data: { name: "", scopes: ["write"] } });
    expect(res.status()).toBe(400);
    const paths = (await res.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "scopes[0]"]));
    const notJson = await owner.api.post(`/api/orgs/${owner.orgSlug}/api-keys`, {
      headers: { "content-type": "text/plain" },
      data: "hello",
    });
    expect(notJson.status()).toBe(415);
  });
});
