import { expect, test } from "@playwright/test";
import { ApiKeyScope } from "../../lib/db/generated/enums";
import { addMember, createAccount, createKey, type Account } from "../support/accounts";
import { contractsWith, missingIds, namesObject, requestFor } from "../support/route-cases";

const SESSION_ROUTES = contractsWith("session");
const KEY_ROUTES = contractsWith("apiKey");
const SCOPES = Object.values(ApiKeyScope);

const ROLES = ["OWNER", "ADMIN", "FINANCE", "ENGINEER", "VIEWER"] as const;
type Role = (typeof ROLES)[number];

// Who may call each dashboard route, written out from the README's "Roles" table, not computed
// with can() or from the contract's declared permission: a route declaring the wrong permission
// fails here. A new session route needs a row.
const EVERY: Role[] = ["OWNER", "ADMIN", "FINANCE", "ENGINEER", "VIEWER"];
const KEYS: Role[] = ["OWNER", "ADMIN", "ENGINEER"]; // manage API keys
const FINANCE: Role[] = ["OWNER", "ADMIN", "FINANCE"]; // budgets, alert channels, prices, chargeback and Stripe
const ADMINS: Role[] = ["OWNER", "ADMIN"]; // members, settings, webhooks, audit log
const MAY: Record<string, Role[]> = {
  "apiKeys.list": KEYS,
  "apiKeys.create": KEYS,
  "apiKeys.revoke": KEYS,
  "members.list": EVERY,
  "members.invite": ADMINS,
  "members.changeRole": ADMINS,
  "members.remove": ADMINS,
  "invites.revoke": ADMINS,
  "audit.list": ADMINS,
  "prices.catalog": EVERY,
  "priceOverrides.list": EVERY,
  "priceOverrides.create": FINANCE,
  "priceOverrides.end": FINANCE,
  "repriceJobs.list": EVERY,
  "prices.unpriced": EVERY,
  "prices.schedule": EVERY,
  "spend.activeEndUsers": EVERY,
  "spend.dashboard": EVERY,
  "insights.dashboard": EVERY,
  "orgInsights.settings": EVERY,
  "orgInsights.updateSettings": FINANCE,
  "webhooks.create.dashboard": ADMINS,
  "webhooks.list.dashboard": EVERY,
  "webhooks.delete.dashboard": ADMINS,
  "webhooks.rotateSecret.dashboard": ADMINS,
  "webhooks.deliveries.dashboard": EVERY,
  "webhooks.replay.dashboard": ADMINS,
  "channels.create.dashboard": FINANCE,
  "channels.list.dashboard": EVERY,
  "channels.get.dashboard": EVERY,
  "channels.update.dashboard": FINANCE,
  "channels.delete.dashboard": FINANCE,
  "channels.test.dashboard": FINANCE,
  "channels.deliveries.dashboard": EVERY,
  "orgBudgets.create": FINANCE,
  "orgBudgets.list": EVERY,
  "orgBudgets.get": EVERY,
  "orgBudgets.update": FINANCE,
  "orgBudgets.delete": FINANCE,
  "orgBudgets.status": EVERY,
  "orgBudgets.history": EVERY,
  "orgBudgets.preview": EVERY,
  "orgBudgets.dryRun": EVERY,
  "orgBudgets.override": FINANCE,
  "orgBudgets.overrides": EVERY,
  "caps.list": EVERY,
  "organizations.setCapFailMode": ADMINS,
  "orgAlerts.list": EVERY,
  "orgAlerts.acknowledge": FINANCE,
  "organizations.setTimeZone": ADMINS,
  "orgChargeback.period": EVERY,
  "orgChargeback.statement": EVERY,
  "orgChargeback.statementCsv": EVERY,
  "orgExports.focus": EVERY,
  "orgChargeback.settings": EVERY,
  "orgChargeback.updateSettings": FINANCE,
  "orgChargeback.preview": FINANCE,
  "orgChargeback.fixedCosts": EVERY,
  "orgChargeback.addFixedCost": FINANCE,
  "orgChargeback.deleteFixedCost": FINANCE,
  "orgChargeback.releaseInvoice": FINANCE,
  "orgStripe.connect": FINANCE,
  "orgStripe.disconnect": FINANCE,
  "orgStripe.customers": FINANCE,
  "orgStripe.mapCustomer": FINANCE,
  "orgAnomalies.list": EVERY,
  "orgAnomalies.get": EVERY,
  "orgAnomalies.feedback": FINANCE,
  "orgAnomalies.settings": EVERY,
  "orgAnomalies.updateSettings": FINANCE,
};

test.describe("role matrix", () => {
  const accounts = new Map<string, Account>();

  test.beforeAll(async ({ baseURL }) => {
    const owner = await createAccount(baseURL!, "matrix");
    accounts.set("OWNER", owner);
    for (const role of ROLES.slice(1)) accounts.set(role, await addMember(baseURL!, owner, role));
  });

  test("every dashboard route has a row in the written-out matrix", () => {
    expect(SESSION_ROUTES.map((r) => r.name).sort()).toEqual(Object.keys(MAY).sort());
  });

  for (const role of ROLES) {
    for (const route of SESSION_ROUTES) {
      const allowed = MAY[route.name]?.includes(role) ?? false;
      test(`${role} ${allowed ? "may" : "may not"} ${route.name}`, async () => {
        const account = accounts.get(role)!;
        // Targets that do not exist: an allowed call gets past the role check and finds nothing (404);
        // a forbidden one is stopped before (403). Neither mutates anything real.
        const { url, options } = requestFor(route, missingIds(account.orgSlug));
        const res = await account.api.fetch(url, options);
        if (allowed) {
          expect(res.status(), await res.text()).not.toBe(403);
          expect(res.status()).toBeLessThan(500);
        } else {
          expect(res.status(), await res.text()).toBe(403);
          expect((await res.json()).error.code).toBe("forbidden");
        }
      });
    }
  }

  for (const scope of SCOPES) {
    for (const route of KEY_ROUTES) {
      const allowed = route.auth.scope === scope || ("orScope" in route.auth && route.auth.orScope === scope);
      test(`a key with only ${scope} ${allowed ? "may" : "may not"} call ${route.name}`, async ({
        playwright,
        baseURL,
      }) => {
        const owner = accounts.get("OWNER")!;
        const key = await createKey(owner, [scope], `scope-${scope}`);
        const svc = await playwright.request.newContext({
          baseURL,
          extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
        });
        const { url, options } = requestFor(route, missingIds(owner.orgSlug));
        const res = await svc.fetch(url, options);
        if (allowed) {
          // A route naming an object gets past the scope check and finds nothing (404).
          expect(res.status(), await res.text()).toBeLessThan(namesObject(route) ? 500 : 300);
          expect(res.status()).not.toBe(403);
        } else {
          expect(res.status(), await res.text()).toBe(403);
          expect((await res.json()).error.code).toBe("forbidden");
        }
        const anon = await svc.fetch(url, { ...options, headers: { authorization: "" } });
        expect(anon.status()).toBe(401);
        await svc.dispose();
      });
    }
  }

  test("only an owner can grant OWNER", async () => {
    const admin = accounts.get("ADMIN")!;
    const res = await admin.api.post(`/api/orgs/${admin.orgSlug}/members`, {
      data: { email: "new-owner@e2e.test", role: "OWNER" },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.issues[0].path).toBe("role");
  });

  test("the last owner cannot be demoted", async () => {
    const owner = accounts.get("OWNER")!;
    const { members } = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/members`)).json();
    const me = members.find((m: { role: string }) => m.role === "OWNER");
    const res = await owner.api.patch(`/api/orgs/${owner.orgSlug}/members/${me.id}`, { data: { role: "ADMIN" } });
    expect(res.status()).toBe(409);
  });

  test("a viewer sees the no-access notice on the API keys page", async () => {
    const viewer = accounts.get("VIEWER")!;
    const res = await viewer.api.get(`/${viewer.orgSlug}/settings/api-keys`);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("You don&#x27;t have access to this page");
  });
});
