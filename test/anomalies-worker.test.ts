import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateOrgAnomalies, getAnomaly, listAnomalies, setAnomalyFeedback } from "@/lib/anomalies";
import { db } from "@/lib/db";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg, costing, spendMany } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const HOUR = 3_600_000;
/** The spike hour: five hours ago, so every event is in the past. */
const H = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
/** A week that repeats exactly: $6 an hour from 09:00 to 18:00 UTC, $2 otherwise. */
const usual = (t: number) => {
  const hod = new Date(t).getUTCHours();
  return hod >= 9 && hod < 18 ? "6" : "2";
};
const at = (t: number, minutes: number) => new Date(t + minutes * 60_000);

async function orgWithHistory(label: string): Promise<OrgContext> {
  const org = await budgetOrg(label);
  await db().organization.update({ where: { id: org.orgId }, data: { allowBackfill: true } });
  // 17 days of the usual spend up to the hour after the spike (team search, feature summarize).
  const events = [];
  for (let t = H - 17 * 24 * HOUR; t <= H + HOUR; t += HOUR)
    events.push(costing(usual(t), at(t, 5), { team: "search", feature: "summarize" }));
  for (let i = 0; i < events.length; i += 500) await spendMany(org.orgId, events.slice(i, i + 500));
  return org;
}

/** Events of `usd` in all (whole dollars), in pieces of at most $20 (one event holds at most 50M tokens). */
function costingUsd(usd: number, when: Date, attribution: Record<string, string>) {
  const out = [];
  for (let left = usd; left > 0; left -= 20) out.push(costing(String(Math.min(20, left)), when, attribution));
  return out;
}

const eventsOf = (orgId: string) =>
  db().outboxEvent.findMany({ where: { orgId, type: { startsWith: "anomaly." } }, orderBy: { createdAt: "asc" } });

describe("the anomalies worker's run for an organisation", () => {
  let org: OrgContext;
  let channelId: string;
  beforeAll(async () => {
    org = await orgWithHistory("anomaly-run");
    channelId = (
      await db().notificationChannel.create({
        data: { orgId: org.orgId, kind: "email", name: "on-call", emailRecipients: ["oncall@test.local"] },
      })
    ).id;
    await db().webhookEndpoint.create({
      data: {
        orgId: org.orgId,
        url: "https://93.184.215.14/hook",
        events: ["anomaly.detected", "anomaly.resolved"],
        secretEncrypted: "x",
      },
    });
  });

  it("opens an anomaly within the spike's own hour, with expected, actual, impact and its cause; alerts once", async () => {
    // $60 of a new feature "agent" in the spike hour, 20 minutes in; the run is 45 minutes in, so the
    // hour's expected counts for 3/4 of it (the usual spend of the hour, all in already, stays actual).
    await spendMany(org.orgId, costingUsd(60, at(H, 20), { team: "search", feature: "agent" }));
    const now = at(H, 45);
    const first = await evaluateOrgAnomalies(org.orgId, now);
    expect(first.opened).toBeGreaterThanOrEqual(1);
    const { items } = await listAnomalies(org);
    const total = items.find((a) => a.monitor.dimension === "org")!;
    expect(total).toMatchObject({
      status: "open",
      kind: "spike",
      start: new Date(H).toISOString(),
      end: null,
      expected: String(Number(usual(H)) * 0.75),
      actual: String(Number(usual(H)) + 60),
      impact: String(Number(usual(H)) * 0.25 + 60),
      alerted: true,
    });
    const rc = total.rootCause as {
      contributors: { dims: Record<string, string>; excess: string }[];
      flags: { kind: string; value?: string }[];
    };
    // The whole excess (the $60, plus the usual hour already in against 3/4 of its expected) sits on
    // team search × the model; the new feature carries the $60 itself.
    expect(rc.contributors[0]).toMatchObject({ excess: String(Number(usual(H)) * 0.25 + 60) });
    expect(rc.contributors).toContainEqual(expect.objectContaining({ dims: { feature: "agent" }, excess: "60" }));
    expect(rc.flags).toContainEqual({ kind: "new_feature", value: "agent", actual: "60" });
    expect(items.find((a) => a.monitor.dimension === "team")).toMatchObject({
      monitor: { value: "search" },
      impact: String(Number(usual(H)) * 0.25 + 60),
    });
    // One anomaly.detected per anomaly (the total, team=search and model=house-7b: the same spend),
    // each to the webhook and the channel.
    expect(items.map((a) => a.monitor.label).sort()).toEqual(["model=house-7b", "organisation total", "team=search"]);
    const events = await eventsOf(org.orgId);
    expect(events.map((e) => e.type)).toEqual(["anomaly.detected", "anomaly.detected", "anomaly.detected"]);
    const deliveries = await db().delivery.findMany({ where: { orgId: org.orgId, eventId: events[0]!.id } });
    expect(deliveries.map((d) => d.target).sort()).toEqual(["channel", "webhook"]);
    expect(deliveries.find((d) => d.target === "channel")!.targetId).toBe(channelId);
    expect((events[0]!.data as { impact: string }).impact).toBe(String(Number(usual(H)) * 0.25 + 60));

    // The same run again: nothing new.
    const again = await evaluateOrgAnomalies(org.orgId, now);
    expect(again).toMatchObject({ opened: 0, notified: 0 });
    expect(await eventsOf(org.orgId)).toHaveLength(3);
  });

  it("escalates only when the impact doubles, then resolves once when the series is back in its band", async () => {
    await spendMany(org.orgId, costingUsd(30, at(H, 45), { team: "search", feature: "agent" }));
    await evaluateOrgAnomalies(org.orgId, at(H, 50)); // impact 90: not double 60
    expect(await eventsOf(org.orgId)).toHaveLength(3);
    await spendMany(org.orgId, costingUsd(40, at(H, 55), { team: "search", feature: "agent" }));
    await evaluateOrgAnomalies(org.orgId, at(H, 58)); // impact 130 ≥ 2 × 60
    const escalated = await eventsOf(org.orgId);
    expect(escalated.map((e) => (e.data as { escalated: boolean }).escalated)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    // The next hour is usual; an hour later (it is complete) the anomaly resolves.
    await evaluateOrgAnomalies(org.orgId, at(H + HOUR, 30));
    expect((await listAnomalies(org, { status: "open" })).items.length).toBeGreaterThan(0);
    await evaluateOrgAnomalies(org.orgId, at(H + 2 * HOUR, 10));
    const { items } = await listAnomalies(org, { status: "resolved" });
    const total = items.find((a) => a.monitor.dimension === "org")!;
    expect(total).toMatchObject({
      end: new Date(H + HOUR).toISOString(),
      impact: "130",
      actual: String(Number(usual(H)) + 130),
    });
    await evaluateOrgAnomalies(org.orgId, at(H + 2 * HOUR, 20));
    const types = (await eventsOf(org.orgId)).map((e) => e.type);
    expect(types.filter((t) => t === "anomaly.resolved")).toHaveLength(3);
    expect(types).toHaveLength(9);
  });

  it("feedback: false alarm raises the monitor's thresholds, changing it to real undoes that; other organisations see nothing", async () => {
    const { items } = await listAnomalies(org, { dimension: "org" });
    const id = items[0]!.id;
    const fb = await setAnomalyFeedback(org, id, { feedback: "false_alarm" });
    expect(fb).toMatchObject({ feedback: "false_alarm", feedbackBy: org.actor.type === "user" ? org.actor.email : "" });
    const monitor = () => db().anomalyMonitor.findFirstOrThrow({ where: { orgId: org.orgId, dimension: "org" } });
    expect((await monitor()).thresholdScale).toBe(1.25);
    await setAnomalyFeedback(org, id, { feedback: "real" });
    expect(await monitor()).toMatchObject({ thresholdScale: 1, falseAlarms: 0, confirmed: 1 });
    await expect(setAnomalyFeedback(org, id, { feedback: "maybe" as never })).rejects.toMatchObject({
      code: "invalid_request",
      issues: [{ path: "feedback" }],
    });

    const other = await newOrg("anomaly-other");
    expect((await listAnomalies(other)).items).toEqual([]);
    await expect(getAnomaly(other, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(setAnomalyFeedback(other, id, { feedback: "false_alarm" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await getAnomaly(org, id)).feedback).toBe("real");
  });
});

describe("expected activity", () => {
  it("silences the rest of the episode: no escalation, no resolved", async () => {
    const org = await orgWithHistory("anomaly-expected");
    await spendMany(org.orgId, costingUsd(60, at(H, 20), { team: "search" }));
    await evaluateOrgAnomalies(org.orgId, at(H, 30));
    const total = (await listAnomalies(org, { dimension: "org" })).items[0]!;
    await setAnomalyFeedback(org, total.id, { feedback: "expected" });
    const before = (await eventsOf(org.orgId)).length;
    await spendMany(org.orgId, costingUsd(300, at(H, 40), { team: "search" }));
    await evaluateOrgAnomalies(org.orgId, at(H, 50));
    await evaluateOrgAnomalies(org.orgId, at(H + 2 * HOUR, 10));
    const after = await eventsOf(org.orgId);
    // Only the team=search monitor's own episode may still escalate and resolve; the total's is silent.
    const ofTotal = after.filter((e) => (e.data as { anomaly: { id: string } }).anomaly.id === total.id);
    expect(ofTotal.map((e) => e.type)).toEqual(["anomaly.detected"]);
    expect(after.length).toBeGreaterThan(before);
    expect((await getAnomaly(org, total.id)).status).toBe("resolved");
  });
});
