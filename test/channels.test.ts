// Slack (Block Kit) and email channels, digests and test messages, in-process at a controlled
// `now`. Receivers are local, so private URLs are allowed here (SSRF: delivery-ssrf.test.ts).
process.env.BURNRATE_ALLOW_PRIVATE_URLS = "true";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { collectDueDigests } from "@/lib/delivery/send-due-digests";
import { env } from "@/lib/env";
import { listChannelDeliveries, sendTestMessage } from "@/lib/notifications/channel-deliveries";
import { createChannel, deleteChannel, listChannels, updateChannel } from "@/lib/notifications/manage-channels";
import { closeConnections } from "./support/close-connections";
import { attemptDelivery, budgetData, publish, publishAndAttempt } from "./support/delivery-helpers";
import { newOrg } from "./support/factories";
import { type HttpReceiver, startReceiver } from "./support/http-receiver";
import { startSmtpSink } from "./support/smtp-sink";

let slack: HttpReceiver;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  slack = await startReceiver();
});
beforeEach(() => {
  slack.requests.length = 0;
  slack.reply = { status: 200, body: "ok" };
  smtp.messages.length = 0;
});
afterAll(async () => {
  await slack.stop();
  await smtp.close();
  await closeConnections();
});

type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { url?: string }[] };

describe("Slack channel", () => {
  it("posts Block Kit: what happened, amount and percent, scope, period and a link to the budget", async () => {
    const org = await newOrg("slack");
    const channel = await createChannel(org, {
      kind: "slack",
      name: "alerts",
      slackWebhookUrl: slack.url("/services/T1/B2/x"),
    });
    expect(channel).toMatchObject({ kind: "slack", mode: "immediate", slackHost: `127.0.0.1:${slack.port}` });
    expect(JSON.stringify(channel)).not.toContain("/services/T1");
    await publishAndAttempt({
      orgId: org.orgId,
      type: "budget.threshold_reached",
      data: budgetData({ spent: "412.50", amount: "500.00" }),
      channelIds: [channel.id],
    });
    expect(slack.requests).toHaveLength(1);
    expect(slack.requests[0]!.url).toBe("/services/T1/B2/x");
    const msg = JSON.parse(slack.requests[0]!.body) as { text: string; blocks: Block[] };
    expect(msg.text).toBe('Budget "search monthly" reached 80%');
    expect(msg.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: 'Budget "search monthly" reached 80%' },
    });
    const fields = msg.blocks.find((b) => b.fields)!.fields!.map((f) => f.text);
    // 412.50 / 500 = 82.5 %
    expect(fields).toEqual([
      "*Spent*\n$412.50 of $500.00 (82.5%)",
      "*Scope*\nteam = search",
      "*Period*\n2026-11-01 to 2026-12-01",
    ]);
    const button = msg.blocks.find((b) => b.type === "actions")!.elements![0]!;
    expect(button.url).toBe(`${env().NEXTAUTH_URL}/${org.orgSlug}/budgets/bud_123`);
  });

  it("stores the Slack URL encrypted", async () => {
    const org = await newOrg("slackraw");
    const url = slack.url("/services/TSECRET/BSECRET/very-secret-token");
    await createChannel(org, { kind: "slack", name: "s", slackWebhookUrl: url });
    const { rows } = await pgPool().query(`SELECT t::text AS raw FROM notification_channels t WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    expect(rows[0].raw).not.toContain("very-secret-token");
    expect(rows[0].raw).not.toContain("TSECRET");
  });
});

describe("email channel", () => {
  it("sends one message with a plain and an HTML part to every recipient", async () => {
    const org = await newOrg("mail");
    const channel = await createChannel(org, {
      kind: "email",
      name: "finance",
      recipients: ["Finance@Example.com", "cto@example.com"],
    });
    await publishAndAttempt({
      orgId: org.orgId,
      type: "budget.forecast_exceeded",
      data: budgetData({ projectedExceedAt: "2026-11-24T10:00:00Z", forecast: "612.40" }),
      channelIds: [channel.id],
    });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    const title = 'Budget "search monthly" is projected to exceed its amount by 2026-11-24';
    expect(mail.subject).toBe(title);
    const to = (Array.isArray(mail.to) ? mail.to : [mail.to!]).flatMap((a) => a.value.map((v) => v.address));
    expect(to.sort()).toEqual(["cto@example.com", "finance@example.com"]);
    expect(mail.text).toContain(title);
    expect(mail.text).toContain("Spent: $400.00 of $500.00 (80.0%)");
    expect(mail.text).toContain("Forecast: $612.40");
    expect(mail.html).toBeTruthy();
    expect(mail.html).toContain("<h2>Budget &#34;search monthly&#34; is projected");
    expect(mail.html).toContain(`href="${env().NEXTAUTH_URL}/${org.orgSlug}/budgets/bud_123"`);
  });
});

describe("delivery independence, test messages, digests", () => {
  it("a failing channel does not stop the others (each delivery is attempted and logged on its own)", async () => {
    const org = await newOrg("indep");
    const broken = await createChannel(org, { kind: "slack", name: "broken", slackWebhookUrl: "http://127.0.0.1:9/x" });
    const good = await createChannel(org, { kind: "slack", name: "good", slackWebhookUrl: slack.url() });
    const mail = await createChannel(org, { kind: "email", name: "m", recipients: ["a@example.com"] });
    const { results } = await publishAndAttempt({
      orgId: org.orgId,
      type: "budget.capped",
      data: budgetData(),
      channelIds: [broken.id, good.id, mail.id],
    });
    expect(results.map((r) => r.outcome).sort()).toEqual(["delivered", "delivered", "retry"]);
    expect(slack.requests).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
    const [failed] = (await listChannelDeliveries(org, broken.id)).deliveries;
    expect(failed).toMatchObject({
      status: "pending",
      attemptCount: 1,
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it("send a test: one test message through the delivery log", async () => {
    const org = await newOrg("test-msg");
    const channel = await createChannel(org, { kind: "slack", name: "ops", slackWebhookUrl: slack.url() });
    const { deliveryId } = await sendTestMessage(org, channel.id);
    expect(await attemptDelivery(org.orgId, deliveryId)).toEqual({ outcome: "delivered" });
    expect(JSON.parse(slack.requests[0]!.body).text).toBe('Test message from Burnrate to the channel "ops"');
    const [d] = (await listChannelDeliveries(org, channel.id)).deliveries;
    expect(d).toMatchObject({ id: deliveryId, eventType: "channel.test", status: "delivered" });
  });

  it("a digest channel gets one message the next day with everything since the last digest, once", async () => {
    const org = await newOrg("digest");
    const channel = await createChannel(org, {
      kind: "slack",
      name: "daily",
      mode: "digest",
      slackWebhookUrl: slack.url(),
    });
    const mail = await createChannel(org, {
      kind: "email",
      name: "daily-mail",
      mode: "digest",
      recipients: ["d@example.com"],
    });
    const now = new Date();
    for (const pct of [50, 80, 100]) {
      const p = await publishAndAttempt({
        orgId: org.orgId,
        type: "budget.threshold_reached",
        data: budgetData({ threshold: { percent: pct } }),
        channelIds: [channel.id, mail.id],
      });
      expect(p.deliveries.map((d) => d.nextAttemptAt)).toEqual([null, null]); // held for the digest
      expect(p.results).toEqual([]);
    }
    expect(slack.requests).toHaveLength(0);
    expect(await collectDueDigests(now)).toEqual([]); // not before the next UTC day

    const nextDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 0, 5));
    const due = (await collectDueDigests(nextDay)).filter((d) => d.orgId === org.orgId);
    expect(due).toHaveLength(2);
    for (const d of due) expect(await attemptDelivery(d.orgId, d.id, nextDay)).toEqual({ outcome: "delivered" });
    expect(slack.requests).toHaveLength(1);
    const msg = JSON.parse(slack.requests[0]!.body) as { text: string; blocks: Block[] };
    expect(msg.text).toBe("Burnrate daily digest: 3 alerts");
    const titles = msg.blocks.filter((b) => b.type === "section" && b.text).map((b) => b.text!.text);
    expect(titles).toEqual([50, 80, 100].map((p) => `*Budget "search monthly" reached ${p}%*`));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.text).toContain("reached 100%");
    expect(smtp.messages[0]!.html).toContain("reached 50%");
    // Same day again: nothing new.
    expect(
      (await collectDueDigests(new Date(nextDay.getTime() + 3_600_000))).filter((d) => d.orgId === org.orgId),
    ).toEqual([]);
    const held = (await listChannelDeliveries(org, channel.id)).deliveries.filter((d) => d.status === "digested");
    expect(held).toHaveLength(3);
  });

  it("a digest is due at midnight of the organisation's time zone, not UTC's", async () => {
    const org = await newOrg("digest-tz");
    await pgPool().query(`UPDATE organizations SET "timeZone" = 'Asia/Kolkata' WHERE id = $1`, [org.orgId]);
    const channel = await createChannel(org, {
      kind: "slack",
      name: "daily-ist",
      mode: "digest",
      slackWebhookUrl: slack.url(),
    });
    await publish({
      orgId: org.orgId,
      type: "budget.threshold_reached",
      data: budgetData({ threshold: { percent: 80 } }),
      channelIds: [channel.id],
    });
    // India is UTC+05:30 all year: the next local midnight is 18:30 UTC. Whichever side of UTC
    // midnight the channel was made on, a UTC-day digest is wrong at one of the two instants below.
    const ist = 5.5 * 3_600_000;
    const created = (await listChannels(org)).find((c) => c.id === channel.id)!.createdAt;
    const localDay = Math.floor((Date.parse(created) + ist) / 86_400_000);
    const nextMidnight = (localDay + 1) * 86_400_000 - ist;
    const mine = async (t: number) => (await collectDueDigests(new Date(t))).filter((d) => d.orgId === org.orgId);
    expect(await mine(nextMidnight - 60_000)).toEqual([]);
    expect(await mine(nextMidnight + 60_000)).toHaveLength(1);
  });

  it("validates input naming the field, and isolates tenants", async () => {
    const a = await newOrg("ch-a");
    const b = await newOrg("ch-b");
    await expect(createChannel(a, { kind: "email", name: "x", recipients: ["not-an-email"] })).rejects.toMatchObject({
      code: "invalid_request",
      issues: [{ path: "recipients[0]", message: expect.any(String) }],
    });
    const channel = await createChannel(a, { kind: "email", name: "a-only", recipients: ["a@example.com"] });
    await expect(updateChannel(a, channel.id, { slackWebhookUrl: slack.url() })).rejects.toMatchObject({
      issues: [{ path: "slackWebhookUrl" }],
    });
    const nf = { code: "not_found" };
    await expect(updateChannel(b, channel.id, { name: "stolen" })).rejects.toMatchObject(nf);
    await expect(deleteChannel(b, channel.id)).rejects.toMatchObject(nf);
    await expect(sendTestMessage(b, channel.id)).rejects.toMatchObject(nf);
    await expect(listChannelDeliveries(b, channel.id)).rejects.toMatchObject(nf);
    expect(await listChannels(b)).toEqual([]);
    // An event of B naming A's channel does not reach it.
    const pb = await publish({ orgId: b.orgId, type: "budget.capped", data: budgetData(), channelIds: [channel.id] });
    expect(pb.deliveries).toEqual([]);
    expect((await updateChannel(a, channel.id, { name: "renamed", mode: "digest" })).mode).toBe("digest");
    await deleteChannel(a, channel.id);
    expect(await listChannels(a)).toEqual([]);
  });
});
