// Standard Webhooks delivery, in-process (no worker): attempts are made with attemptDelivery at a
// controlled `now`. The receiver is on 127.0.0.1, so private URLs are allowed in this file (the
// SSRF refusals are tested in delivery-ssrf.test.ts).
process.env.BURNRATE_ALLOW_PRIVATE_URLS = "true";

import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
} from "@/lib/webhooks/manage-webhook-endpoints";
import { listWebhookDeliveries, replayWebhookDelivery } from "@/lib/webhooks/webhook-deliveries";
import { closeConnections } from "./support/close-connections";
import {
  attemptDelivery,
  addMember,
  attemptsOf,
  budgetData,
  publish,
  publishAndAttempt,
} from "./support/delivery-helpers";
import { newOrg } from "./support/factories";
import { type HttpReceiver, startReceiver } from "./support/http-receiver";
import { startSmtpSink } from "./support/smtp-sink";

let receiver: HttpReceiver;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url; // before the first env() read of this file
  receiver = await startReceiver();
});
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.reply = { status: 200, body: "ok" };
});
afterAll(async () => {
  await receiver.stop();
  await smtp.close();
  await closeConnections();
});

const ALL = ["budget.threshold_reached", "budget.capped"] as const;

describe("webhook delivery (Standard Webhooks)", () => {
  it("delivers {type, timestamp, data} signed so that the standardwebhooks package verifies it", async () => {
    const org = await newOrg("wh");
    const { endpoint, secret } = await createWebhookEndpoint(org, { url: receiver.url(), events: [...ALL] });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await createWebhookEndpoint(org, { url: receiver.url("/other"), events: ["anomaly.detected"] });
    const data = budgetData();
    const { eventId } = await publishAndAttempt({ orgId: org.orgId, type: "budget.threshold_reached", data });

    expect(receiver.requests).toHaveLength(1); // the anomaly-only endpoint got nothing
    const req = receiver.requests[0]!;
    expect(req.url).toBe("/hook");
    expect(req.headers["webhook-id"]).toBe(eventId);
    const verified = new Webhook(secret).verify(req.body, req.headers as Record<string, string>);
    expect(verified).toEqual({ type: "budget.threshold_reached", timestamp: expect.any(String), data });
    expect(JSON.parse(req.body).data.spent).toBe("400.00");
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(
        req.body,
        req.headers as Record<string, string>,
      ),
    ).toThrow();
    const [d] = (await listWebhookDeliveries(org, endpoint.id)).deliveries;
    expect(d).toMatchObject({ eventId, status: "delivered", attemptCount: 1 });
    expect(d!.attempts[0]).toMatchObject({ statusCode: 200, responseExcerpt: "ok", error: null });
  });

  it("during a rotation both secrets sign (the old one still verifies) for 24 hours, then only the new", async () => {
    const org = await newOrg("rot");
    const { endpoint, secret: oldSecret } = await createWebhookEndpoint(org, { url: receiver.url(), events: [...ALL] });
    const rotatedAt = new Date();
    const { secret: newSecret, previousSecretExpiresAt } = await rotateWebhookSecret(org, endpoint.id, rotatedAt);
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(previousSecretExpiresAt) - rotatedAt.getTime()).toBe(24 * 3_600_000);

    await publishAndAttempt({ orgId: org.orgId, type: "budget.capped", data: budgetData() });
    const during = receiver.requests[0]!;
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const s of [oldSecret, newSecret]) {
      expect(() => new Webhook(s).verify(during.body, during.headers as Record<string, string>)).not.toThrow();
    }

    const later = new Date(rotatedAt.getTime() + 24 * 3_600_000 + 1_000);
    await publishAndAttempt({ orgId: org.orgId, type: "budget.capped", data: budgetData() }, later);
    const after = receiver.requests[1]!;
    const h = after.headers as Record<string, string>;
    // The expected signature computed independently by standardwebhooks' own sign().
    const expected = new Webhook(newSecret).sign(h["webhook-id"]!, new Date(later.getTime()), after.body);
    expect(h["webhook-signature"]).toBe(expected);
    const oldSig = new Webhook(oldSecret).sign(h["webhook-id"]!, new Date(later.getTime()), after.body);
    expect(h["webhook-signature"]).not.toContain(oldSig.slice(3));
  });

  it("retries on the schedule 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then gives up", async () => {
    const org = await newOrg("sched");
    await createWebhookEndpoint(org, { url: receiver.url(), events: [...ALL] });
    receiver.reply = { status: 503, body: "down for maintenance" };
    const t0 = new Date();
    const { deliveries } = await publish({ orgId: org.orgId, type: "budget.capped", data: budgetData() }, t0);
    const id = deliveries[0]!.id;
    const expectedDelays = [5e3, 300e3, 1800e3, 7200e3, 18000e3, 36000e3, 50400e3, 72000e3, 86400e3];
    let now = t0;
    const gaps: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await attemptDelivery(org.orgId, id, now);
      if (r.outcome !== "retry") {
        expect(r.outcome).toBe("failed");
        break;
      }
      gaps.push(r.retryAt.getTime() - now.getTime());
      now = r.retryAt;
    }
    expect(gaps).toEqual(expectedDelays);
    expect(receiver.requests).toHaveLength(10);
    const attempts = await attemptsOf(org.orgId, id);
    expect(attempts).toHaveLength(10);
    expect(attempts[0]).toMatchObject({ statusCode: 503, responseExcerpt: "down for maintenance", error: "HTTP 503" });
    const row = await db().delivery.findUniqueOrThrow({ where: { orgId_id: { orgId: org.orgId, id } } });
    expect(row).toMatchObject({ status: "failed", attemptCount: 10, nextAttemptAt: null });
    // An early call (before nextAttemptAt) does nothing: one attempt per due time.
    expect(await attemptDelivery(org.orgId, id, now)).toEqual({ outcome: "skipped" });
  });

  it("HTTP 410 disables the endpoint; later events are not delivered to it", async () => {
    const org = await newOrg("gone");
    const { endpoint } = await createWebhookEndpoint(org, { url: receiver.url(), events: [...ALL] });
    receiver.reply = { status: 410, body: "gone" };
    const first = await publishAndAttempt({ orgId: org.orgId, type: "budget.capped", data: budgetData() });
    expect(first.results).toEqual([{ outcome: "failed" }]);
    const [view] = await listWebhookEndpoints(org);
    expect(view).toMatchObject({ id: endpoint.id, disabled: true, disabledReason: expect.stringContaining("410") });
    receiver.reply = { status: 200 };
    const second = await publishAndAttempt({ orgId: org.orgId, type: "budget.capped", data: budgetData() });
    expect(second.deliveries).toEqual([]);
    expect(receiver.requests).toHaveLength(1);
  });

  it("an endpoint failing for 5 days is disabled and its OWNER and ADMINs (not others) are emailed", async () => {
    const org = await newOrg("fail5");
    const admin = await addMember(org.orgId, "ADMIN");
    const viewer = await addMember(org.orgId, "VIEWER");
    const { endpoint } = await createWebhookEndpoint(org, { url: receiver.url("/fail5"), events: [...ALL] });
    receiver.reply = { status: 500 };
    const t0 = new Date();
    const e1 = await publishAndAttempt({ orgId: org.orgId, type: "budget.capped", data: budgetData() }, t0);
    expect(e1.results[0]!.outcome).toBe("retry");
    const almost = new Date(t0.getTime() + 5 * 86_400_000 - 60_000);
    await publishAndAttempt({ orgId: org.orgId, type: "budget.capped", data: budgetData() }, almost);
    expect((await listWebhookEndpoints(org))[0]!.disabled).toBe(false);
    expect(smtp.messages.filter((m) => m.subject?.includes(endpoint.url))).toHaveLength(0);

    const fiveDays = new Date(t0.getTime() + 5 * 86_400_000);
    const e3 = await publishAndAttempt({ orgId: org.orgId, type: "budget.capped", data: budgetData() }, fiveDays);
    expect(e3.results[0]!.outcome).toBe("failed");
    const [view] = await listWebhookEndpoints(org);
    expect(view).toMatchObject({ disabled: true, failingSince: t0.toISOString() });
    const pendingE1 = await db().delivery.findFirstOrThrow({ where: { orgId: org.orgId, eventId: e1.eventId } });
    expect(pendingE1.status).toBe("cancelled");
    const mails = smtp.messages.filter((m) => m.subject?.includes(endpoint.url));
    expect(mails).toHaveLength(1);
    const to = (Array.isArray(mails[0]!.to) ? mails[0]!.to : [mails[0]!.to!]).flatMap((a) =>
      a.value.map((v) => v.address),
    );
    expect(to.sort()).toEqual([admin, org.email].sort());
    expect(to).not.toContain(viewer);
    expect(mails[0]!.text).toContain("every delivery failed since");
  });

  it("a success clears failingSince, so 5 days of intermittent failure do not disable", async () => {
    const org = await newOrg("flaky");
    await createWebhookEndpoint(org, { url: receiver.url(), events: [...ALL] });
    const t0 = new Date();
    receiver.reply = { status: 500 };
    await publishAndAttempt({ orgId: org.orgId, type: "budget.capped", data: budgetData() }, t0);
    receiver.reply = { status: 204 };
    await publishAndAttempt(
      { orgId: org.orgId, type: "budget.capped", data: budgetData() },
      new Date(t0.getTime() + 86_400_000),
    );
    receiver.reply = { status: 500 };
    await publishAndAttempt(
      { orgId: org.orgId, type: "budget.capped", data: budgetData() },
      new Date(t0.getTime() + 5 * 86_400_000),
    );
    expect((await listWebhookEndpoints(org))[0]).toMatchObject({ disabled: false });
  });

  it("replay sends the same event id again and keeps the attempt log; deliveries are paged", async () => {
    const org = await newOrg("replay");
    const { endpoint } = await createWebhookEndpoint(org, { url: receiver.url(), events: [...ALL] });
    const events = [];
    for (let i = 0; i < 3; i++) {
      events.push(await publishAndAttempt({ orgId: org.orgId, type: "budget.capped", data: budgetData({ n: i }) }));
    }
    const page1 = await listWebhookDeliveries(org, endpoint.id, { limit: 2 });
    expect(page1.deliveries.map((d) => d.eventId)).toEqual([events[2]!.eventId, events[1]!.eventId]);
    const page2 = await listWebhookDeliveries(org, endpoint.id, { limit: 2, cursor: page1.nextCursor! });
    expect(page2.deliveries.map((d) => d.eventId)).toEqual([events[0]!.eventId]);
    expect(page2.nextCursor).toBeNull();

    const target = events[0]!.deliveries[0]!;
    await replayWebhookDelivery(org, endpoint.id, target.id);
    await attemptDelivery(org.orgId, target.id);
    expect(receiver.requests).toHaveLength(4);
    expect(receiver.requests[3]!.headers["webhook-id"]).toBe(events[0]!.eventId);
    expect(receiver.requests[3]!.body).toBe(receiver.requests[0]!.body);
    const [again] = (await listWebhookDeliveries(org, endpoint.id, { limit: 1, cursor: target.id })).deliveries;
    expect(again).toMatchObject({ status: "delivered", attemptCount: 2 });
    expect(again!.attempts).toHaveLength(2);
  });

  it("stores the signing secret encrypted: the raw row holds neither the secret nor its key", async () => {
    const org = await newOrg("raw");
    const { endpoint, secret } = await createWebhookEndpoint(org, { url: receiver.url(), events: [...ALL] });
    await rotateWebhookSecret(org, endpoint.id);
    const { rows } = await pgPool().query(`SELECT t::text AS raw FROM webhook_endpoints t WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    const raw: string = rows[0].raw;
    const key = secret.slice("whsec_".length);
    expect(raw).not.toContain(key);
    expect(raw).not.toContain(Buffer.from(key, "base64").toString("hex"));
    expect(raw).toContain("v1.");
  });

  it("isolates tenants: another organisation reaches none of an endpoint's functions or events", async () => {
    const a = await newOrg("tenant-a");
    const b = await newOrg("tenant-b");
    const { endpoint } = await createWebhookEndpoint(a, { url: receiver.url(), events: [...ALL] });
    const { deliveries } = await publishAndAttempt({ orgId: a.orgId, type: "budget.capped", data: budgetData() });
    const notFound = { code: "not_found" };
    await expect(deleteWebhookEndpoint(b, endpoint.id)).rejects.toMatchObject(notFound);
    await expect(rotateWebhookSecret(b, endpoint.id)).rejects.toMatchObject(notFound);
    await expect(listWebhookDeliveries(b, endpoint.id)).rejects.toMatchObject(notFound);
    await expect(replayWebhookDelivery(b, endpoint.id, deliveries[0]!.id)).rejects.toMatchObject(notFound);
    expect(await listWebhookEndpoints(b)).toEqual([]);
    // B's own endpoint cannot replay A's delivery by id.
    const { endpoint: bEndpoint } = await createWebhookEndpoint(b, { url: receiver.url(), events: [...ALL] });
    await expect(replayWebhookDelivery(b, bEndpoint.id, deliveries[0]!.id)).rejects.toMatchObject(notFound);
    // An event of B is delivered to B's endpoint only.
    receiver.requests.length = 0;
    const pb = await publishAndAttempt({ orgId: b.orgId, type: "budget.capped", data: budgetData() });
    expect(pb.deliveries).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
    await deleteWebhookEndpoint(a, endpoint.id);
    expect(await listWebhookEndpoints(a)).toEqual([]);
    const audit = await db().auditLog.findMany({
      where: { orgId: a.orgId, targetId: endpoint.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((x) => x.action)).toEqual(["webhook.create", "webhook.delete"]);
    expect(await listWebhookEndpoints(b)).toHaveLength(1);
  });

  it("refuses bad input naming the field", async () => {
    const org = await newOrg("bad");
    await expect(createWebhookEndpoint(org, { url: receiver.url(), events: [] })).rejects.toMatchObject({
      code: "invalid_request",
      issues: [expect.objectContaining({ path: "events" })],
    });
  });
});

// Independent check of the signature scheme (beside the package): HMAC of id.timestamp.body.
it("the signature is base64 HMAC-SHA256 over id.timestamp.body keyed by the decoded whsec_ part", async () => {
  const { signWebhook } = await import("@/lib/webhooks/sign-webhook");
  const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
  const h = signWebhook([secret], "msg_1", 1700000000, '{"a":1}');
  const mac = createHmac("sha256", "0123456789abcdef0123456789abcdef")
    .update('msg_1.1700000000.{"a":1}')
    .digest("base64");
  expect(h["webhook-signature"]).toBe(`v1,${mac}`);
});
