// Delivery through the real worker process (notifications queue + maintenance sweeper): a
// receiver outage, a lost enqueue (as after a Redis flush), a hanging channel beside healthy
// ones, and the latency from publishEvent's commit to the receiver (p50/p95 over 50 events).
process.env.BURNRATE_ALLOW_PRIVATE_URLS = "true";

import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dispatchPublished } from "@/lib/delivery/publish-event";
import { createChannel } from "@/lib/notifications/manage-channels";
import { createWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";
import { closeConnections } from "./support/close-connections";
import { attemptsOf, budgetData, publish } from "./support/delivery-helpers";
import { newOrg } from "./support/factories";
import { HttpReceiver, startReceiver } from "./support/http-receiver";
import { startSmtpSink } from "./support/smtp-sink";
import { kill9, sleep, startWorker, waitFor } from "./support/worker-process";

let worker: ChildProcess;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  worker = startWorker({ BURNRATE_ALLOW_PRIVATE_URLS: "true", SMTP_URL: smtp.url });
});
afterAll(async () => {
  await kill9(worker);
  await smtp.close();
  await closeConnections();
});

const deliveryOf = (orgId: string, id: string) =>
  db().delivery.findUniqueOrThrow({ where: { orgId_id: { orgId, id } } });

describe("delivery through the worker", () => {
  it("after a receiver outage: down → retried → up → delivered exactly once", async () => {
    const receiver = await startReceiver();
    const url = receiver.url();
    await receiver.stop(); // the port is now closed: connection refused
    const org = await newOrg("outage");
    await createWebhookEndpoint(org, { url, events: ["budget.capped"] });
    const published = await publish({ orgId: org.orgId, type: "budget.capped", data: budgetData() });
    await dispatchPublished(published);
    const id = published.deliveries[0]!.id;
    await waitFor(async () => (await deliveryOf(org.orgId, id)).attemptCount >= 1, 20_000);
    expect((await deliveryOf(org.orgId, id)).status).toBe("pending");
    await receiver.start(); // same port, 5 s retry due
    try {
      await waitFor(async () => (await deliveryOf(org.orgId, id)).status === "delivered", 20_000);
      await sleep(1_000);
      expect(receiver.requests).toHaveLength(1);
      expect(receiver.requests[0]!.headers["webhook-id"]).toBe(published.eventId);
      const attempts = await attemptsOf(org.orgId, id);
      expect(attempts.map((a) => a.statusCode)).toEqual([null, 200]);
      expect(attempts[0]!.error).toMatch(/ECONNREFUSED/);
      expect(attempts[1]!.at.getTime() - attempts[0]!.at.getTime()).toBeGreaterThanOrEqual(5_000);
    } finally {
      await receiver.stop();
    }
  }, 60_000);

  it("a delivery whose job never reached Redis is sent by the sweeper", async () => {
    const receiver = await startReceiver();
    try {
      const org = await newOrg("sweep");
      await createWebhookEndpoint(org, { url: receiver.url(), events: ["anomaly.detected"] });
      const published = await publish({
        orgId: org.orgId,
        type: "anomaly.detected",
        data: { anomaly: { id: "an_1" } },
      });
      // no dispatchPublished: as if Redis had been flushed between commit and enqueue
      await waitFor(async () => receiver.requests.length === 1, 30_000);
      await sleep(500);
      expect(receiver.requests).toHaveLength(1);
      expect((await deliveryOf(org.orgId, published.deliveries[0]!.id)).status).toBe("delivered");
    } finally {
      await receiver.stop();
    }
  }, 60_000);

  it("a channel that hangs does not hold up the others", async () => {
    const hanging = await startReceiver();
    hanging.reply = "hang";
    const healthy = await startReceiver();
    try {
      const org = await newOrg("hang");
      const slow = await createChannel(org, { kind: "slack", name: "slow", slackWebhookUrl: hanging.url() });
      const fast = await createChannel(org, { kind: "slack", name: "fast", slackWebhookUrl: healthy.url() });
      const mail = await createChannel(org, { kind: "email", name: "mail", recipients: ["hang@example.com"] });
      const published = await publish({
        orgId: org.orgId,
        type: "budget.capped",
        data: budgetData(),
        channelIds: [slow.id, fast.id, mail.id],
      });
      const started = Date.now();
      await dispatchPublished(published);
      await waitFor(
        async () => healthy.requests.length === 1 && smtp.messages.some((m) => m.text?.includes("hit its hard cap")),
        8_000,
      );
      expect(Date.now() - started).toBeLessThan(8_000); // the hanging one times out after 10 s
      expect(hanging.requests).toHaveLength(1); // it was tried, and is still waiting
    } finally {
      await hanging.stop();
      await healthy.stop();
    }
  }, 30_000);

  it("latency from publishEvent's commit to the receiver: p50/p95 over 50 events", async () => {
    const receiver = new HttpReceiver();
    await receiver.start();
    try {
      const org = await newOrg("latency");
      await createWebhookEndpoint(org, { url: receiver.url(), events: ["budget.threshold_reached"] });
      const committedAt = new Map<string, number>();
      for (let i = 0; i < 50; i++) {
        const published = await publish({
          orgId: org.orgId,
          type: "budget.threshold_reached",
          data: budgetData({ n: i }),
        });
        committedAt.set(published.eventId, Date.now());
        await dispatchPublished(published);
        await sleep(40);
      }
      await waitFor(async () => receiver.requests.length >= 50, 30_000);
      const latencies = receiver.requests
        .map((r) => r.at - committedAt.get(String(r.headers["webhook-id"]))!)
        .sort((a, b) => a - b);
      const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
      console.log(
        `[delivery latency] commit → receiver over 50 events: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${latencies.at(-1)} ms`,
      );
      expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"])).size).toBe(50);
      expect(p(0.95)).toBeLessThan(2_000);
    } finally {
      await receiver.stop();
    }
  }, 90_000);
});
