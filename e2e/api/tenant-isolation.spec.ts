import { expect, test } from "@playwright/test";
import { addMember, createAccount, createKey, type Account } from "../support/accounts";
import { budgetWithAlert } from "../support/budgets";
import { orgIdOf, query } from "../support/db";
import { PAGE_CASES, PAGES } from "../support/page-cases";
import { CONTRACTS, caseOf, contractsWith, type Ids, namesObject, requestFor } from "../support/route-cases";

const SESSION_ROUTES = contractsWith("session");

/** An anomaly of org B written as the anomalies worker would (its detection is tested in test/anomalies-*). */
async function anomalyOf(orgId: string): Promise<string> {
  const id = `anom_${Math.random().toString(36).slice(2)}`;
  await query(
    `INSERT INTO anomaly_monitors ("orgId", id, dimension, value) VALUES ($1, $2, 'feature', 'bravo-secret-feature')`,
    [orgId, `mon_${id}`],
  );
  await query(
    `INSERT INTO anomalies ("orgId", id, "monitorId", dimension, value, kind, "startHour", "lastHour", score,
       "expectedPico", "actualPico", "impactPico")
     VALUES ($1, $2, $3, 'feature', 'bravo-secret-feature', 'spike', date_trunc('hour', now()), date_trunc('hour', now()), 9,
       1000000000000, 50000000000000, 49000000000000)`,
    [orgId, id, `mon_${id}`],
  );
  return id;
}

test.describe("tenant isolation", () => {
  let a: Account;
  let b: Account;
  let bIds: Ids;
  let bSecrets: string[];
  let bOrgId: string;
  let aKeySecret: string;
  // Org A's own data, which every probe must still show (an empty answer is not proof of isolation).
  let OWN: Partial<Record<string, string>>;

  test.beforeAll(async ({ baseURL, playwright }) => {
    a = await createAccount(baseURL!, "alpha");
    b = await createAccount(baseURL!, "bravo");
    bOrgId = await orgIdOf(b.orgSlug);
    const aKey = await createKey(a, ["ingest", "read", "admin"], "alpha-own-key");
    aKeySecret = aKey.secret;
    const aSvc = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${aKey.secret}` },
    });
    const own = await aSvc.post("/api/v1/events", {
      data: {
        eventId: "same-event-id-in-both-orgs",
        timestamp: new Date().toISOString(),
        provider: "openai",
        model: "gpt-4o",
        inputTokens: 1000,
        outputTokens: 10,
        team: "alpha-own-team",
      },
    });
    expect(own.status(), await own.text()).toBe(202);
    await aSvc.dispose();
    // The worker folds A's event into the rollups within seconds.
    await expect
      .poll(
        async () =>
          (await (await a.api.get(`/api/orgs/${a.orgSlug}/spend?groupBy=team`)).text()).includes("alpha-own-team"),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    OWN = {
      "apiKeys.list": "alpha-own-key",
      "members.list": a.email,
      "spend.dashboard": "alpha-own-team",
    };
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
    const webhook = await b.api.post(`/api/orgs/${b.orgSlug}/webhooks`, {
      data: { url: "https://93.184.215.14/bravo-secret-hook", events: ["budget.threshold_reached"] },
    });
    expect(webhook.status(), await webhook.text()).toBe(201);
    const channel = await b.api.post(`/api/orgs/${b.orgSlug}/channels`, {
      data: { kind: "email", name: "bravo-secret-channel", recipients: ["bravo@e2e.test"] },
    });
    expect(channel.status(), await channel.text()).toBe(201);
    const channelId = (await channel.json()).id;
    const test = await b.api.post(`/api/orgs/${b.orgSlug}/channels/${channelId}/test`);
    expect(test.status(), await test.text()).toBe(202);
    const { budgetId, alertId } = await budgetWithAlert(b, bKey.secret, baseURL!);
    const invite = await b.api.post(`/api/orgs/${b.orgSlug}/members`, {
      data: { email: "bravo-secret-invitee@e2e.test", role: "VIEWER" },
    });
    expect(invite.status(), await invite.text()).toBe(201);
    const cost = await b.api.post(`/api/orgs/${b.orgSlug}/chargeback/fixed-costs`, {
      data: { period: "2026-10", name: "bravo-secret-fixed-cost", amount: "12.5" },
    });
    expect(cost.status(), await cost.text()).toBe(201);
    // A closed statement of org B (closing runs in the worker; written here as the closer writes it).
    const statementId = `stmt_${bOrgId.slice(-8)}_bravo`;
    await query(
      `INSERT INTO chargeback_statements ("orgId", id, number, period, "periodStart", "periodEnd", "partyDimension", party, currency,
         "directPico", "allocatedPico", "markupPico", "adjustmentPico", "totalPico", lines)
       VALUES ($1, $2, 1, '2026-09', '2026-09-01', '2026-10-01', 'customer', 'bravo-secret-customer', 'USD', 1, 0, 0, 0, 1, '[]')`,
      [bOrgId, statementId],
    );
    // Its invoice held (so that releasing it from another organisation would have something to do).
    await query(
      `INSERT INTO chargeback_invoices ("orgId", "statementId", status, "expectedCents", "heldReason")
       VALUES ($1, $2, 'held', 0, 'bravo-secret-customer held')`,
      [bOrgId, statementId],
    );
    bIds = {
      org: b.orgSlug,
      statementId,
      costId: (await cost.json()).fixedCost.id,
      orgId: bOrgId,
      keyId: bKey.id,
      memberId,
      overrideId,
      token: "c0000000000000000000missing",
      webhookId: (await webhook.json()).id,
      channelId,
      deliveryId: (await test.json()).deliveryId,
      budgetId,
      alertId,
      inviteId: (await invite.json()).invite.id,
      anomalyId: await anomalyOf(bOrgId),
    };
    bSecrets = [
      bKey.id,
      memberId,
      overrideId,
      budgetId,
      alertId,
      bMember.email,
      b.email,
      "bravo-secret-key-name",
      "bravo-secret-model",
      "bravo-secret-hook",
      "bravo-secret-channel",
      bIds.webhookId,
      bIds.channelId,
      bIds.deliveryId,
      "bravo-secret-budget",
      "bravo-secret-invitee",
      "bravo-secret-fixed-cost",
      "bravo-secret-customer",
      bIds.statementId,
      bIds.costId,
      bIds.anomalyId,
      "bravo-secret-feature",
    ];
  });

  function expectNoLeak(body: string) {
    for (const s of bSecrets) expect(body).not.toContain(s);
  }

  // Derived from the contracts and the app/ tree: a route or page without a case fails here.
  for (const contract of CONTRACTS) {
    test(`route ${contract.name} (${contract.method} ${contract.path}) has a case`, () => {
      expect(() => caseOf(contract)).not.toThrow();
    });
  }
  for (const page of PAGES) {
    test(`page ${page.pattern} (${page.file}) has a case`, () => {
      expect(PAGE_CASES[page.pattern], "add it to e2e/support/page-cases.ts").toBeDefined();
    });
  }

  for (const route of SESSION_ROUTES) {
    test(`${route.name}: org B through its own slug is 404 for org A's owner`, async () => {
      const { url, options } = requestFor(route, bIds);
      const res = await a.api.fetch(url, options);
      expect(res.status()).toBe(404);
      const body = await res.text();
      expect(JSON.parse(body).error.code).toBe("not_found");
      expectNoLeak(body);
    });

    test(`${route.name}: org B's ids under org A's slug are 404, or org A's own data only`, async () => {
      const { url, options } = requestFor(route, { ...bIds, org: a.orgSlug });
      const res = await a.api.fetch(url, options);
      const body = await res.text();
      expectNoLeak(body);
      if (namesObject(route)) {
        expect(res.status()).toBe(404);
      } else {
        expect(res.status()).toBeLessThan(300);
        const own = OWN[route.name];
        if (own) expect(body, "org A's own data is there").toContain(own);
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
    const hooks = await (await b.api.get(`/api/orgs/${b.orgSlug}/webhooks`)).json();
    expect(hooks.webhooks.map((w: { id: string }) => w.id)).toContain(bIds.webhookId);
    const channel = await (await b.api.get(`/api/orgs/${b.orgSlug}/channels/${bIds.channelId}`)).json();
    expect(channel.name).toBe("bravo-secret-channel");
    const budget = await b.api.get(`/api/orgs/${b.orgSlug}/budgets/${bIds.budgetId}`);
    expect((await budget.json()).budget.amount).toBe("0.000001");
    const alerts = await (await b.api.get(`/api/orgs/${b.orgSlug}/alerts`)).json();
    expect(alerts.items.find((x: { id: string }) => x.id === bIds.alertId).state).toBe("open");
    expect(members.invites.map((i: { id: string }) => i.id)).toContain(bIds.inviteId);
    const anomaly = await (await b.api.get(`/api/orgs/${b.orgSlug}/anomalies/${bIds.anomalyId}`)).json();
    expect(anomaly.anomaly).toMatchObject({ status: "open", feedback: null });
    const [invoice] = await query<{ status: string }>(
      `SELECT status FROM chargeback_invoices WHERE "orgId" = $1 AND "statementId" = $2`,
      [bIds.orgId, bIds.statementId],
    );
    expect(invoice?.status).toBe("held");
  });

  for (const page of PAGES) {
    const pageCase = PAGE_CASES[page.pattern];
    test(`page ${page.pattern}: ${pageCase?.tenant === "org" ? "org B's is 404" : "shows nothing of org B"} for org A's owner`, async () => {
      expect(pageCase, `${page.file} has no case in e2e/support/page-cases.ts`).toBeDefined();
      const res = await a.api.get(pageCase!.path(b.orgSlug));
      if (pageCase!.tenant === "org") expect(res.status()).toBe(404);
      else expect(res.status()).toBeLessThan(500);
      expectNoLeak(await res.text());
    });
  }

  for (const route of [...contractsWith("user"), ...contractsWith("public")]) {
    test(`${route.name}: org A's user sees nothing of org B`, async () => {
      const { url, options } = requestFor(route, { ...bIds, org: a.orgSlug });
      const res = await a.api.fetch(url, options);
      expect(res.status(), await res.text()).toBeLessThan(500);
      expectNoLeak(await res.text());
    });
  }

  test("an API key resolves only its own organisation", async () => {
    const aKey = await createKey(a, ["read"]);
    const res = await a.api.get("/api/v1/me", { headers: { authorization: `Bearer ${aKey.secret}`, cookie: "" } });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.organization.slug).toBe(a.orgSlug);
    // A query or header naming another org (its real id, or its slug) is ignored: the key decides.
    for (const other of [bOrgId, b.orgSlug]) {
      const spoof = await a.api.get(`/api/v1/me?org=${other}&orgId=${other}`, {
        headers: { authorization: `Bearer ${aKey.secret}`, "x-org-id": other, cookie: "" },
      });
      expect((await spoof.json()).organization.slug).toBe(a.orgSlug);
    }
  });

  test("org B's real id in a dashboard query or header shows org A's data, never org B's", async () => {
    const url = `/api/orgs/${a.orgSlug}/spend?groupBy=team`;
    const spoof = await a.api.get(`${url}&orgId=${bOrgId}`, { headers: { "x-org-id": bOrgId } });
    // A strict query refuses the parameter; the header is ignored.
    expect(spoof.status()).toBe(400);
    const viaHeader = await a.api.get(url, { headers: { "x-org-id": bOrgId, "x-organization-id": bOrgId } });
    const body = await viaHeader.text();
    expect(viaHeader.status()).toBe(200);
    expect(body).toContain("alpha-own-team");
    expect(body).not.toContain("bravo-secret-team");
    expectNoLeak(body);
  });

  test("API-key routes answer only for the key's own organisation", async ({ playwright, baseURL }) => {
    const bKey = await createKey(b, ["ingest"], "bravo-writer");
    const bSvc = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${bKey.secret}` },
    });
    const ev = {
      eventId: "same-event-id-in-both-orgs", // org A sent this eventId too: it is not a duplicate here
      timestamp: new Date().toISOString(),
      provider: "openai",
      model: "gpt-4o",
      inputTokens: 1,
      outputTokens: 1,
      team: "bravo-secret-team",
    };
    const sent = await bSvc.post("/api/v1/events", { data: ev });
    expect(sent.status()).toBe(202);
    expect(await sent.json()).toEqual({ accepted: 1, duplicates: 0 });
    const aSvc = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${aKeySecret}` },
    });
    for (const route of contractsWith("apiKey")) {
      // Naming another organisation in the query is refused or ignored, never obeyed.
      const { url, options } = requestFor(route, bIds, { orgId: bOrgId });
      const spoof = await aSvc.fetch(url, options);
      // A route naming one of org B's objects never answers 2xx: a strict query refuses the spoofed
      // parameter (400) or the object is not found (404).
      expect(namesObject(route) ? [400, 404] : [200, 201, 202, 400], route.name).toContain(spoof.status());
      const body = await spoof.text();
      expectNoLeak(body);
      expect(body, route.name).not.toContain("bravo-secret-team");
      if (spoof.status() === 200) expect(JSON.parse(body).organization?.slug ?? a.orgSlug).toBe(a.orgSlug);
      const own = requestFor(route, bIds);
      const res = await aSvc.fetch(own.url, own.options);
      if (namesObject(route)) expect(res.status(), route.name).toBe(404);
      else expect(res.status(), route.name).toBeLessThan(300);
      expect(await res.text(), route.name).not.toContain("bravo-secret-team");
    }
    // Filtering by org B's team finds nothing: the key's organisation bounds every query; unfiltered,
    // org A's own event is there.
    const spend = await (await aSvc.get("/api/v1/spend?groupBy=team&team=bravo-secret-team")).json();
    expect(spend.total.events).toBe(0);
    expect(spend.series).toEqual([]);
    // Both organisations have rolled-up data now.
    await expect
      .poll(
        async () =>
          (await (await b.api.get(`/api/orgs/${b.orgSlug}/spend?groupBy=team`)).text()).includes("bravo-secret-team"),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    const mine = await (await aSvc.get("/api/v1/spend?groupBy=team")).text();
    expect(mine).toContain("alpha-own-team");
    expect(mine).not.toContain("bravo-secret-team");
    await aSvc.dispose();
    await bSvc.dispose();
  });

  test("signed-out requests are refused with 401 and no data", async ({ playwright, baseURL }) => {
    const anon = await playwright.request.newContext({ baseURL });
    for (const route of [...SESSION_ROUTES, ...contractsWith("user")]) {
      const { url, options } = requestFor(route, bIds);
      const res = await anon.fetch(url, options);
      expect(res.status(), route.name).toBe(401);
      expectNoLeak(await res.text());
    }
    await anon.dispose();
  });
});
