import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateOrgAnomalies, getAnomalySettings, listAnomalies, updateAnomalySettings } from "@/lib/anomalies";
import { db } from "@/lib/db";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg, costing, spendMany } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const HOUR = 3_600_000;
const H = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
const at = (t: number, minutes: number) => new Date(t + minutes * 60_000);

/** 17 days of $4 every hour, then $40 more (two events) in hour H. */
async function orgWithSpike(label: string): Promise<OrgContext> {
  const org = await budgetOrg(label);
  await db().organization.update({ where: { id: org.orgId }, data: { allowBackfill: true } });
  const events = [];
  for (let t = H - 17 * 24 * HOUR; t <= H; t += HOUR) events.push(costing("4", at(t, 5), { team: "search" }));
  events.push(costing("20", at(H, 10), { team: "search" }), costing("20", at(H, 11), { team: "search" }));
  for (let i = 0; i < events.length; i += 500) await spendMany(org.orgId, events.slice(i, i + 500));
  return org;
}
const outbox = (orgId: string) => db().outboxEvent.count({ where: { orgId, type: { startsWith: "anomaly." } } });

describe("anomaly settings per organisation", () => {
  it("defaults, then the alert rule: an anomaly under the organisation's amount is recorded, not alerted", async () => {
    const org = await orgWithSpike("anomaly-settings-alert");
    expect(await getAnomalySettings(org)).toEqual({
      minImpact: "1",
      alertMinImpact: "10",
      alertMinPercent: 20,
      drops: true,
      channelIds: null,
    });
    expect(await updateAnomalySettings(org, { alertMinImpact: "100" })).toMatchObject({ alertMinImpact: "100" });
    await evaluateOrgAnomalies(org.orgId, at(H, 30));
    const { items } = await listAnomalies(org, { dimension: "org" });
    // $40 over the usual $4 hour (all in), half-way through it: 44 − 4/2.
    expect(items[0]).toMatchObject({ impact: "42", alerted: false });
    expect(await outbox(org.orgId)).toBe(0);
    // Lowered to $30 and 500%: 40 / 4 = 1000% of expected, so the next run alerts once.
    await updateAnomalySettings(org, { alertMinImpact: "30", alertMinPercent: 500 });
    await evaluateOrgAnomalies(org.orgId, at(H, 35));
    expect(await outbox(org.orgId)).toBeGreaterThan(0);
  });

  it("the minimum impact per organisation: with $50 the spike is not an anomaly", async () => {
    const org = await orgWithSpike("anomaly-settings-min");
    await updateAnomalySettings(org, { minImpact: "50" });
    await evaluateOrgAnomalies(org.orgId, at(H, 30));
    expect((await listAnomalies(org)).items).toEqual([]);
  });

  it("bad input names the field; another organisation's channel is refused; settings stay per organisation", async () => {
    const org = await newOrg("anomaly-settings-bad");
    await expect(updateAnomalySettings(org, { alertMinImpact: "ten" })).rejects.toMatchObject({
      code: "invalid_request",
      issues: [{ path: "alertMinImpact" }],
    });
    const other = await newOrg("anomaly-settings-other");
    const theirs = await db().notificationChannel.create({
      data: { orgId: other.orgId, kind: "email", name: "theirs", emailRecipients: ["x@test.local"] },
    });
    await expect(updateAnomalySettings(org, { channelIds: [theirs.id] })).rejects.toMatchObject({
      issues: [{ path: "channelIds[0]" }],
    });
    await updateAnomalySettings(org, { drops: false });
    expect((await getAnomalySettings(org)).drops).toBe(false);
    expect((await getAnomalySettings(other)).drops).toBe(true);
  });
});
