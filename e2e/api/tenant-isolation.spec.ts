import { expect, test } from "@playwright/test";
import { addMember, createAccount, createKey, type Account } from "../support/accounts";
import { KEY_ROUTES, ORG_PAGES, SESSION_ROUTES, type Ids } from "../support/routes";

test.describe("tenant isolation", () => {
  let a: Account;
  let b: Account;
  let bIds: Ids;
  let bSecrets: string[];

  test.beforeAll(async ({ baseURL }) => {
    a = await createAccount(baseURL!, "alpha");
    b = await createAccount(baseURL!, "bravo");
    const bKey = await createKey(b, ["ingest", "read"], "bravo-secret-key-name");
    const bMember = await addMember(baseURL!, b, "FINANCE");
    const members = await (await b.api.get(`/api/orgs/${b.orgSlug}/members`)).json();
    const memberId = members.members.find((m: { user: { email: string } }) => m.user.email === bMember.email).id;
    const override = await b.api.post(`/api/orgs/${b.orgSlug}/price-overrides`, {
      data: {
        kind: "CUSTOM_PRICE",
        provider: "self-hosted",
        model: "bravo-secret-model",
        prices: { input: "1", output: "2" },
      },
    });
    expect(override.status(), await override.text()).toBe(201);
    const overrideId = (await override.json()).override.id;
    bIds = { org: b.orgSlug, keyId: bKey.id, memberId, overrideId };
    bSecrets = [bKey.id, memberId, overrideId, bMember.email, b.email, "bravo-secret-key-name", "bravo-secret-model"];
  });

  function expectNoLeak(body: string) {
    for (const s of bSecrets) expect(body).not.toContain(s);
  }

  for (const route of SESSION_ROUTES) {
    test(`${route.name}: org B through its own slug is 404 for org A's owner`, async () => {
      const res = await a.api.fetch(route.path(bIds), { method: route.method, data: route.body?.() });
      expect(res.status()).toBe(404);
      const body = await res.text();
      expect(JSON.parse(body).error.code).toBe("not_found");
      expectNoLeak(body);
    });

    test(`${route.name}: org B's ids under org A's slug are 404 or empty`, async () => {
      const res = await a.api.fetch(route.path({ ...bIds, org: a.orgSlug }), {
        method: route.method,
        data: route.body?.(),
      });
      const body = await res.text();
      expectNoLeak(body);
      if ([bIds.keyId, bIds.memberId, bIds.overrideId].some((id) => route.path(bIds).includes(id))) {
        expect(res.status()).toBe(404);
      } else {
        expect(res.status()).toBeLessThan(300);
      }
    });
  }

  test("org B's key and member survive org A's attempts", async () => {
    const keys = await (await b.api.get(`/api/orgs/${b.orgSlug}/api-keys`)).json();
    expect(keys.apiKeys.find((k: { id: string }) => k.id === bIds.keyId).revokedAt).toBeNull();
    const members = await (await b.api.get(`/api/orgs/${b.orgSlug}/members`)).json();
    const m = members.members.find((x: { id: string }) => x.id === bIds.memberId);
    expect(m.role).toBe("FINANCE");
    const overrides = await (await b.api.get(`/api/orgs/${b.orgSlug}/price-overrides`)).json();
    expect(overrides.items.find((o: { id: string }) => o.id === bIds.overrideId).effectiveTo).toBeNull();
  });

  for (const page of ORG_PAGES) {
    test(`page /<org B>${page} is 404 for org A's owner`, async () => {
      const res = await a.api.get(`/${b.orgSlug}${page}`);
      expect(res.status()).toBe(404);
      expectNoLeak(await res.text());
    });
  }

  test("an API key resolves only its own organisation", async () => {
    const aKey = await createKey(a, ["read"]);
    const res = await a.api.get("/api/v1/me", { headers: { authorization: `Bearer ${aKey.secret}`, cookie: "" } });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.organization.slug).toBe(a.orgSlug);
    // A query or body naming another org is ignored: the key decides.
    const spoof = await a.api.get(`/api/v1/me?org=${b.orgSlug}&orgId=${b.orgSlug}`, {
      headers: { authorization: `Bearer ${aKey.secret}`, "x-org-id": b.orgSlug },
    });
    expect((await spoof.json()).organization.slug).toBe(a.orgSlug);
  });

  test("API-key routes answer only for the key's own organisation", async ({ playwright, baseURL }) => {
    const aKey = await createKey(a, ["ingest", "read"], "alpha-reader");
    const bKey = await createKey(b, ["ingest"], "bravo-writer");
    const bSvc = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${bKey.secret}` },
    });
    const ev = {
      eventId: `bravo-only-${Date.now()}`,
      timestamp: new Date().toISOString(),
      provider: "openai",
      model: "gpt-4o",
      inputTokens: 1,
      outputTokens: 1,
      team: "bravo-secret-team",
    };
    expect((await bSvc.post("/api/v1/events", { data: ev })).status()).toBe(202);
    const aSvc = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${aKey.secret}` },
    });
    for (const r of KEY_ROUTES) {
      const sep = r.path.includes("?") ? "&" : "?";
      // Naming another organisation in the query is refused or ignored, never obeyed.
      const spoof = await aSvc.fetch(`${r.path}${sep}orgId=${b.orgSlug}`, { method: r.method });
      expect([200, 400], r.path).toContain(spoof.status());
      if (spoof.status() === 200) expect((await spoof.json()).organization?.slug ?? a.orgSlug).toBe(a.orgSlug);
      const res = await aSvc.fetch(
        `${r.path}${r.path.startsWith("/api/v1/spend") ? `${sep}team=bravo-secret-team` : ""}`,
        { method: r.method },
      );
      expect(res.status(), r.path).toBeLessThan(300);
      const body = await res.json();
      expect(body.organization?.slug ?? a.orgSlug, r.path).toBe(a.orgSlug);
      expect(body.series ?? [], r.path).toEqual([]);
    }
    const spend = await (await aSvc.get("/api/v1/spend?groupBy=team")).json();
    expect(spend.total.events).toBe(0);
    await aSvc.dispose();
    await bSvc.dispose();
  });

  test("signed-out requests are refused with 401 and no data", async ({ playwright, baseURL }) => {
    const anon = await playwright.request.newContext({ baseURL });
    for (const route of SESSION_ROUTES) {
      const res = await anon.fetch(route.path(bIds), { method: route.method, data: route.body?.() });
      expect(res.status(), route.name).toBe(401);
      expectNoLeak(await res.text());
    }
    await anon.dispose();
  });
});
