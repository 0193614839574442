// SSRF (DESIGN invariant 11): user-supplied URLs that reach loopback, private, link-local or
// metadata addresses are refused when saved and again at each delivery.
process.env.BURNRATE_ALLOW_PRIVATE_URLS = "false";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sealSlackUrl } from "@/lib/notifications/slack-url";
import { createChannel, updateChannel } from "@/lib/notifications/manage-channels";
import { checkOutboundUrl } from "@/lib/net/check-url";
import { postChecked } from "@/lib/net/post-checked";
import { createWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";
import { generateWebhookSecret, sealWebhookSecret } from "@/lib/webhooks/webhook-secret";
import { closeConnections } from "./support/close-connections";
import { attemptsOf, budgetData, publishAndAttempt } from "./support/delivery-helpers";
import { newOrg } from "./support/factories";
import { type HttpReceiver, startReceiver } from "./support/http-receiver";

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
beforeEach(() => {
  receiver.requests.length = 0;
});
afterAll(async () => {
  await receiver.stop();
  await closeConnections();
});

const REFUSED = [
  ["localhost (resolves to 127.0.0.1)", () => `http://localhost:${receiver.port}/hook`],
  ["127.0.0.1", () => receiver.url()],
  ["[::1]", () => `http://[::1]:${receiver.port}/`],
  ["[::ffff:127.0.0.1]", () => `http://[::ffff:127.0.0.1]:${receiver.port}/`],
  ["metadata 169.254.169.254", () => "http://169.254.169.254/latest/meta-data/"],
  ["10.0.0.1", () => "https://10.0.0.1/hook"],
  ["192.168.1.10", () => "https://192.168.1.10/hook"],
  ["100.64.0.1 (CGNAT)", () => "https://100.64.0.1/hook"],
  ["[fd00::1]", () => "https://[fd00::1]/hook"],
  ["[fe80::1]", () => "https://[fe80::1]/hook"],
  ["0.0.0.0", () => `http://0.0.0.0:${receiver.port}/`],
] as const;

describe("SSRF: refused when saved", () => {
  it.each(REFUSED)("a webhook endpoint at %s", async (_label, url) => {
    const org = await newOrg("ssrf");
    await expect(createWebhookEndpoint(org, { url: url(), events: ["budget.capped"] })).rejects.toMatchObject({
      code: "invalid_request",
      issues: [{ path: "url", message: expect.stringMatching(/not allowed/) }],
    });
  });

  it.each(REFUSED)("a Slack channel at %s (create and update)", async (_label, url) => {
    const org = await newOrg("ssrf-slack");
    await expect(createChannel(org, { kind: "slack", name: "s", slackWebhookUrl: url() })).rejects.toMatchObject({
      issues: [{ path: "slackWebhookUrl" }],
    });
    const ok = await db().notificationChannel.create({
      data: {
        orgId: org.orgId,
        kind: "slack",
        name: "s",
        slackUrlEncrypted: sealSlackUrl(org.orgId, "https://93.184.216.34/x"),
      },
    });
    await expect(updateChannel(org, ok.id, { slackWebhookUrl: url() })).rejects.toMatchObject({
      issues: [{ path: "slackWebhookUrl" }],
    });
  });

  it("a non-http(s) URL", async () => {
    const org = await newOrg("ssrf-scheme");
    await expect(
      createWebhookEndpoint(org, { url: "ftp://example.com/x", events: ["budget.capped"] }),
    ).rejects.toMatchObject({
      issues: [{ path: "url" }],
    });
  });
});

describe("SSRF: refused at delivery (the DNS answer or the row changed since it was saved)", () => {
  it("a webhook endpoint whose URL now points at loopback gets no request; the attempt says why", async () => {
    const org = await newOrg("ssrf-deliver");
    await db().webhookEndpoint.create({
      data: {
        orgId: org.orgId,
        url: `http://localhost:${receiver.port}/hook`,
        events: ["budget.capped"],
        secretEncrypted: sealWebhookSecret(org.orgId, generateWebhookSecret()),
      },
    });
    const { deliveries, results } = await publishAndAttempt({
      orgId: org.orgId,
      type: "budget.capped",
      data: budgetData(),
    });
    expect(results).toEqual([{ outcome: "retry", retryAt: expect.any(Date) }]);
    expect(receiver.requests).toHaveLength(0);
    const [attempt] = await attemptsOf(org.orgId, deliveries[0]!.id);
    expect(attempt!.error).toMatch(/loopback address \(127\.0\.0\.1\)/);
  });

  it("a Slack channel whose URL now points at loopback gets no request", async () => {
    const org = await newOrg("ssrf-slack-deliver");
    const ch = await db().notificationChannel.create({
      data: { orgId: org.orgId, kind: "slack", name: "s", slackUrlEncrypted: sealSlackUrl(org.orgId, receiver.url()) },
    });
    const { deliveries } = await publishAndAttempt({
      orgId: org.orgId,
      type: "budget.capped",
      data: budgetData(),
      channelIds: [ch.id],
    });
    expect(receiver.requests).toHaveLength(0);
    const [attempt] = await attemptsOf(org.orgId, deliveries[0]!.id);
    expect(attempt!.error).toMatch(/loopback/);
  });

  it("the connection goes to the checked address, never to a second DNS answer", async () => {
    // `.invalid` never resolves: the request can only arrive if the pinned address is used.
    const pinned = {
      url: new URL(`http://rebind.invalid:${receiver.port}/pinned`),
      address: "127.0.0.1",
      family: 4 as const,
    };
    const res = await postChecked(pinned, "{}", {});
    expect(res.statusCode).toBe(200);
    expect(receiver.requests[0]).toMatchObject({
      url: "/pinned",
      headers: expect.objectContaining({ host: `rebind.invalid:${receiver.port}` }),
    });
    await expect(checkOutboundUrl(pinned.url.href)).rejects.toThrow(/does not resolve/);
  });
});
