import { expect, test, type APIRequestContext } from "@playwright/test";
import { addMember, createAccount, createKey, type Account } from "../support/accounts";
import { eventually, houseEvent, priceHouseModel } from "../support/budgets";

const EXAMPLE = {
  name: "search monthly",
  scope: { team: "search" },
  period: "month",
  amount: "500.00",
  thresholds: [{ percent: 50 }, { percent: 80 }, { percent: 100 }],
  forecastAlert: true,
  hardCap: false,
};

test.describe("budgets API", () => {
  let owner: Account;
  let admin: APIRequestContext;
  let other: APIRequestContext;

  test.beforeAll(async ({ baseURL, playwright }) => {
    owner = await createAccount(baseURL!, "budgets");
    await priceHouseModel(owner);
    const key = await createKey(owner, ["ingest", "admin"], "budget admin");
    admin = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${key.secret}` },
    });
    const b = await createAccount(baseURL!, "budgets-other");
    const bKey = await createKey(b, ["admin"], "other admin");
    other = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${bKey.secret}` },
    });
  });
  test.afterAll(async () => {
    await admin.dispose();
    await other.dispose();
  });

  test("POST /api/v1/budgets creates the example budget (201) with exact decimal strings", async () => {
    const res = await admin.post("/api/v1/budgets", { data: EXAMPLE });
    expect(res.status(), await res.text()).toBe(201);
    const { budget } = await res.json();
    expect(budget).toMatchObject({
      name: "search monthly",
      scope: { team: "search" },
      period: "month",
      amount: "500",
      thresholds: EXAMPLE.thresholds,
      forecastAlert: true,
      hardCap: false,
      channelIds: [],
    });
    const got = await (await admin.get(`/api/v1/budgets/${budget.id}`)).json();
    expect(got.budget).toEqual(budget);
    const listed = await (await admin.get("/api/v1/budgets")).json();
    expect(listed.budgets.map((x: { id: string }) => x.id)).toContain(budget.id);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["a threshold percent below zero", { thresholds: [{ percent: 50 }, { percent: -5 }] }, "thresholds[1].percent"],
    ["a team that is not a string", { scope: { team: 7 } }, "scope.team"],
    ["a malformed amount", { amount: "5.0.0" }, "amount"],
    ["a float amount", { amount: 500 }, "amount"],
    ["two '*' dimensions", { scope: { team: "*", customer: "*" } }, "scope.customer"],
    ["an unknown period", { period: "fortnight" }, "period"],
    ["a custom period without start day", { period: "custom" }, "startDay"],
    ["an unknown field", { colour: "red" }, "colour"],
    ["a channel that is not the organisation's", { channelIds: ["c0000000000000000000missing"] }, "channelIds[0]"],
  ];
  for (const [what, patch, path] of bad) {
    test(`400 naming ${path} for ${what}`, async () => {
      const res = await admin.post("/api/v1/budgets", { data: { ...EXAMPLE, ...patch } });
      expect(res.status(), await res.text()).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    });
  }

  test("PATCH names the field too, and changes only what it is given", async () => {
    const { budget } = await (await admin.post("/api/v1/budgets", { data: EXAMPLE })).json();
    const bad = await admin.patch(`/api/v1/budgets/${budget.id}`, { data: { thresholds: [{ amount: "abc" }] } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("thresholds[0].amount");
    const ok = await admin.patch(`/api/v1/budgets/${budget.id}`, { data: { amount: "612.345" } });
    expect(ok.status(), await ok.text()).toBe(200);
    expect((await ok.json()).budget).toMatchObject({ amount: "612.345", name: "search monthly" });
  });

  test("another organisation's key gets 404 for every route naming the budget, and changes nothing", async () => {
    const { budget } = await (await admin.post("/api/v1/budgets", { data: EXAMPLE })).json();
    for (const [method, path] of [
      ["GET", `/api/v1/budgets/${budget.id}`],
      ["PATCH", `/api/v1/budgets/${budget.id}`],
      ["DELETE", `/api/v1/budgets/${budget.id}`],
      ["GET", `/api/v1/budgets/${budget.id}/status`],
    ]) {
      const res = await other.fetch(path!, { method: method!, data: method === "PATCH" ? { amount: "1" } : undefined });
      expect(res.status(), `${method} ${path}`).toBe(404);
    }
    expect((await (await other.get("/api/v1/budgets")).json()).budgets).toEqual([]);
    expect((await (await admin.get(`/api/v1/budgets/${budget.id}`)).json()).budget.amount).toBe("500");
  });

  test("403 for a key without the admin scope and for roles below FINANCE", async ({ baseURL, playwright }) => {
    const readKey = await createKey(owner, ["read", "ingest"], "no admin");
    const reader = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${readKey.secret}` },
    });
    const res = await reader.post("/api/v1/budgets", { data: EXAMPLE });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.issues[0].message).toContain("admin");
    await reader.dispose();
    for (const [role, status] of [
      ["VIEWER", 403],
      ["ENGINEER", 403],
      ["FINANCE", 201],
    ] as const) {
      const member = await addMember(baseURL!, owner, role);
      const r = await member.api.post(`/api/orgs/${owner.orgSlug}/budgets`, { data: EXAMPLE });
      expect(r.status(), role).toBe(status);
      // Everyone in the organisation may read.
      expect((await member.api.get(`/api/orgs/${owner.orgSlug}/budgets`)).status()).toBe(200);
    }
  });

  test("status follows posted events: spent, remaining, percent and thresholds crossed by hand", async () => {
    const { budget } = await (
      await admin.post("/api/v1/budgets", {
        data: { ...EXAMPLE, name: "status", scope: { team: "status-team" }, amount: "0.002" },
      })
    ).json();
    // 700 + 450 = 1,150 micro-dollars of status-team (0.00115 of 0.002 = 57.5%); other teams do not count.
    const events = [
      houseEvent(700, { team: "status-team" }),
      houseEvent(450, { team: "status-team" }),
      houseEvent(900, { team: "someone-else" }),
    ];
    expect((await admin.post("/api/v1/events", { data: { events } })).status()).toBe(202);
    const status = await eventually(async () => {
      const s = await (await admin.get(`/api/v1/budgets/${budget.id}/status`)).json();
      return s.spent === "0.00115" && s.thresholdsCrossed.length > 0 ? s : undefined;
    });
    expect(status).toMatchObject({ amount: "0.002", remaining: "0.00085", percentUsed: "57.5", values: null });
    expect(status.thresholdsCrossed.map((c: { threshold: string }) => c.threshold)).toEqual(["percent:50"]);
    expect(status.thresholdsCrossed[0].amount).toBe("0.001");
    expect(Date.parse(status.resetsAt)).toBeGreaterThan(Date.now());
    const alerts = await (await admin.get("/api/v1/alerts?state=open")).json();
    const alert = alerts.items.find((a: { budget: { id: string } }) => a.budget.id === budget.id);
    expect(alert).toMatchObject({ threshold: "percent:50", spent: "0.00115", thresholdAmount: "0.001" });
    const ack = await admin.post(`/api/v1/alerts/${alert.id}/acknowledge`);
    expect(ack.status()).toBe(200);
    expect((await ack.json()).alert.state).toBe("acknowledged");
    expect((await other.post(`/api/v1/alerts/${alert.id}/acknowledge`)).status()).toBe(404);
  });

  test("a '*' budget lists its values by spend, paged", async () => {
    const { budget } = await (
      await admin.post("/api/v1/budgets", {
        data: { name: "per customer", scope: { customer: "*" }, period: "day", amount: "0.001" },
      })
    ).json();
    const events = [
      houseEvent(300, { customer: "star-a" }),
      houseEvent(1200, { customer: "star-b" }),
      houseEvent(50, { customer: "star-c" }),
      houseEvent(999, {}), // no customer: not counted by a '*' budget
    ];
    expect((await admin.post("/api/v1/events", { data: { events } })).status()).toBe(202);
    const status = await eventually(async () => {
      const s = await (await admin.get(`/api/v1/budgets/${budget.id}/status`)).json();
      return s.values?.total === 3 && s.spent === "0.00155" ? s : undefined;
    });
    expect(status.values.items.map((v: { value: string; spent: string }) => [v.value, v.spent])).toEqual([
      ["star-b", "0.0012"],
      ["star-a", "0.0003"],
      ["star-c", "0.00005"],
    ]);
    expect(status.values.items[0]).toMatchObject({ remaining: "0", percentUsed: "120.0" });
    const page2 = await (await admin.get(`/api/v1/budgets/${budget.id}/status?page=2`)).json();
    expect(page2.values.items).toEqual([]);
    expect((await admin.get(`/api/v1/budgets/${budget.id}/status?page=0`)).status()).toBe(400);
  });

  test("DELETE removes the budget; a second DELETE is 404", async () => {
    const { budget } = await (await admin.post("/api/v1/budgets", { data: EXAMPLE })).json();
    expect((await admin.delete(`/api/v1/budgets/${budget.id}`)).status()).toBe(200);
    expect((await admin.get(`/api/v1/budgets/${budget.id}`)).status()).toBe(404);
    expect((await admin.delete(`/api/v1/budgets/${budget.id}`)).status()).toBe(404);
  });

  test("the organisation time zone is set by OWNER/ADMIN only, validated and audited", async ({ baseURL }) => {
    const url = `/api/orgs/${owner.orgSlug}/time-zone`;
    expect((await owner.api.put(url, { data: { timeZone: "Mars/Olympus" } })).status()).toBe(400);
    const ok = await owner.api.put(url, { data: { timeZone: "Europe/Berlin" } });
    expect(ok.status(), await ok.text()).toBe(200);
    const finance = await addMember(baseURL!, owner, "FINANCE");
    expect((await finance.api.put(url, { data: { timeZone: "UTC" } })).status()).toBe(403);
    const audit = await (await owner.api.get(`/api/orgs/${owner.orgSlug}/audit`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain("organization.time_zone_set");
    const { budget } = await (await admin.post("/api/v1/budgets", { data: { ...EXAMPLE, period: "day" } })).json();
    const status = await (await admin.get(`/api/v1/budgets/${budget.id}/status`)).json();
    expect(status.timeZone).toBe("Europe/Berlin");
    // A Berlin day starts at 23:00 or 22:00 UTC.
    expect(new Date(status.period.start).getUTCHours()).toBeGreaterThanOrEqual(22);
    await owner.api.put(url, { data: { timeZone: "UTC" } });
  });
});
