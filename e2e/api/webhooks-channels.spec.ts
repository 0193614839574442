import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { type HttpReceiver, startReceiver } from "../../test/support/http-receiver";
import { addMember, createAccount, createKey, type Account } from "../support/accounts";
import { publishBudgetEvent } from "../support/publish-event";

// Webhooks and channels over HTTP with an admin key and the session. The e2e server runs with
// BURNRATE_ALLOW_PRIVATE_URLS=true so that the receivers here (127.0.0.1) can be used; the refusal of
// private addresses with the flag off is tested through the same routes in test/delivery-routes-ssrf.test.ts.

let owner: Account;
let admin: { Authorization: string };
let receiver: HttpReceiver;
const data = { budget: { id: "b1", name: "search monthly", scope: {} }, spent: "400.00", amount: "500.00" };

test.beforeAll(async ({ baseURL }) => {
  receiver = await startReceiver();
  owner = await createAccount(baseURL!, "hooks");
  admin = { Authorization: `Bearer ${(await createKey(owner, ["admin"], "admin")).secret}` };
});
test.afterAll(async () => {
  await receiver.stop();
});
test.beforeEach(() => {
  receiver.requests.length = 0;
  receiver.reply = { status: 200, body: "thanks" };
});

test("a webhook's secret is shown once, signs deliveries, rotates (both sign) and is never listed", async ({
  request,
}) => {
  const created = await request.post("/api/v1/webhooks", {
    headers: admin,
    data: { url: receiver.url("/hook"), events: ["budget.threshold_reached", "budget.capped"] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const hook = await created.json();
  expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
  expect(hook.events).toEqual(["budget.threshold_reached", "budget.capped"]);

  const listed = await request.get("/api/v1/webhooks", { headers: admin });
  const listText = await listed.text();
  expect(listText).toContain(hook.id);
  expect(listText).not.toContain(hook.secret);
  expect(listText).not.toContain(hook.secret.slice("whsec_".length));

  await publishBudgetEvent(owner.orgSlug, data);
  await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(1);
  const first = receiver.requests[0]!;
  expect(new Webhook(hook.secret).verify(first.body, first.headers as Record<string, string>)).toMatchObject({
    type: "budget.threshold_reached",
    data,
  });

  const rotated = await request.post(`/api/v1/webhooks/${hook.id}/rotate-secret`, { headers: admin });
  expect(rotated.status(), await rotated.text()).toBe(200);
  const { secret: newSecret, previousSecretExpiresAt } = await rotated.json();
  expect(newSecret).not.toBe(hook.secret);
  const hours = (Date.parse(previousSecretExpiresAt) - Date.now()) / 3_600_000;
  expect(hours).toBeGreaterThan(23.9);
  expect(hours).toBeLessThanOrEqual(24);

  await publishBudgetEvent(owner.orgSlug, data);
  await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(2);
  const second = receiver.requests[1]!;
  const headers = second.headers as Record<string, string>;
  expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
  expect(() => new Webhook(newSecret).verify(second.body, headers)).not.toThrow();
  expect(() => new Webhook(hook.secret).verify(second.body, headers)).not.toThrow();
  expect(await (await request.get("/api/v1/webhooks", { headers: admin })).text()).not.toContain(newSecret);

  const del = await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: admin });
  expect(del.status()).toBe(200);
  expect((await (await request.get("/api/v1/webhooks", { headers: admin })).json()).webhooks).toEqual([]);
});

test("deliveries page by cursor, newest first, and a replay re-delivers the same webhook-id", async ({ request }) => {
  const hook = await (
    await request.post("/api/v1/webhooks", {
      headers: admin,
      data: { url: receiver.url("/paged"), events: ["budget.threshold_reached"] },
    })
  ).json();
  // Three events a second apart: the newest is listed first.
  const events = [];
  for (let i = 0; i < 3; i++)
    events.push(await publishBudgetEvent(owner.orgSlug, data, new Date(Date.now() - (3 - i) * 1000)));
  await expect.poll(() => receiver.requests.filter((r) => r.url === "/paged").length, { timeout: 20_000 }).toBe(3);

  const base = `/api/v1/webhooks/${hook.id}/deliveries`;
  const p1 = await (await request.get(`${base}?limit=2`, { headers: admin })).json();
  expect(p1.deliveries.map((d: { eventId: string }) => d.eventId)).toEqual([events[2]!.eventId, events[1]!.eventId]);
  expect(p1.nextCursor).toBeTruthy();
  const p2 = await (await request.get(`${base}?limit=2&cursor=${p1.nextCursor}`, { headers: admin })).json();
  expect(p2.deliveries.map((d: { eventId: string }) => d.eventId)).toEqual([events[0]!.eventId]);
  expect(p2.nextCursor).toBeNull();
  const d0 = p2.deliveries[0];
  expect(d0).toMatchObject({ status: "delivered", attemptCount: 1 });
  expect(d0.attempts[0]).toMatchObject({ statusCode: 200, responseExcerpt: "thanks" });

  const bad = await request.get(`${base}?limit=0`, { headers: admin });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.issues[0].path).toBe("limit");

  receiver.requests.length = 0;
  const replay = await request.post(`${base}/${d0.id}/replay`, { headers: admin });
  expect(replay.status(), await replay.text()).toBe(202);
  await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(1);
  expect(receiver.requests[0]!.headers["webhook-id"]).toBe(events[0]!.eventId);
  await expect
    .poll(
      async () => (await (await request.get(`${base}?limit=5`, { headers: admin })).json()).deliveries[2].attemptCount,
    )
    .toBe(2);
});

test("a channel's test message reaches the receiver and is logged; a bad field is a 400 naming it", async ({
  request,
}) => {
  const bad = await request.post("/api/v1/channels", {
    headers: admin,
    data: { kind: "slack", name: "ops", slackWebhookUrl: "not a url" },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.issues[0].path).toBe("slackWebhookUrl");

  const created = await request.post("/api/v1/channels", {
    headers: admin,
    data: { kind: "slack", name: "ops", mode: "immediate", slackWebhookUrl: receiver.url("/slack/T0/B0/token-xyz") },
  });
  expect(created.status(), await created.text()).toBe(201);
  const channel = await created.json();
  expect(channel.slackHost).toBe(`127.0.0.1:${receiver.port}`);
  expect(
    JSON.stringify(await (await request.get(`/api/v1/channels/${channel.id}`, { headers: admin })).json()),
  ).not.toContain("token-xyz");

  const test202 = await request.post(`/api/v1/channels/${channel.id}/test`, { headers: admin });
  expect(test202.status()).toBe(202);
  const { deliveryId } = await test202.json();
  await expect.poll(() => receiver.requests.filter((r) => r.url === "/slack/T0/B0/token-xyz").length).toBe(1);
  expect(JSON.parse(receiver.requests[0]!.body).text).toBeTruthy();
  await expect
    .poll(async () => {
      const log = await (await request.get(`/api/v1/channels/${channel.id}/deliveries`, { headers: admin })).json();
      return log.deliveries.find((d: { id: string }) => d.id === deliveryId)?.attempts[0]?.statusCode;
    })
    .toBe(200);

  const patched = await request.patch(`/api/v1/channels/${channel.id}`, { headers: admin, data: { mode: "digest" } });
  expect((await patched.json()).mode).toBe("digest");
  expect((await request.delete(`/api/v1/channels/${channel.id}`, { headers: admin })).status()).toBe(200);
  expect((await request.get(`/api/v1/channels/${channel.id}`, { headers: admin })).status()).toBe(404);
});

test("roles: a finance member manages channels but not webhooks; a viewer reads without secrets", async ({
  baseURL,
}) => {
  const finance = await addMember(baseURL!, owner, "FINANCE");
  const viewer = await addMember(baseURL!, owner, "VIEWER");
  const org = owner.orgSlug;
  const hook = await owner.api.post(`/api/orgs/${org}/webhooks`, {
    data: { url: receiver.url("/private/path?token=sekret"), events: ["budget.capped"] },
  });
  expect(hook.status()).toBe(201);
  const denied = await finance.api.post(`/api/orgs/${org}/webhooks`, {
    data: { url: receiver.url("/x"), events: ["budget.capped"] },
  });
  expect(denied.status()).toBe(403);
  const ch = await finance.api.post(`/api/orgs/${org}/channels`, {
    data: { kind: "email", name: "finance", recipients: ["fin@e2e.test"] },
  });
  expect(ch.status()).toBe(201);
  expect((await viewer.api.post(`/api/orgs/${org}/channels/${(await ch.json()).id}/test`)).status()).toBe(403);
  const seen = await (await viewer.api.get(`/api/orgs/${org}/webhooks`)).text();
  expect(seen).toContain(`127.0.0.1:${receiver.port}/…`);
  expect(seen).not.toContain("sekret");
  const readKey = await createKey(owner, ["read"], "reader");
  const noScope = await owner.api.get("/api/v1/webhooks", { headers: { Authorization: `Bearer ${readKey.secret}` } });
  expect(noScope.status()).toBe(403);
});
