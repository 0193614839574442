import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAnomalies } from "@/lib/anomalies";
import { seedDemoUsage } from "@/lib/demo/seed-demo-usage";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const DAY = 86_400_000;

describe("the demo organisation", () => {
  it("its seeded spike (growth's chat-assist looping on a pricier model, 8 days ago) is an anomaly with that cause", async () => {
    const org = await newOrg("demo-anomaly");
    expect(await seedDemoUsage(org.orgId)).toBeGreaterThan(10_000);
    const spikeDay = new Date(Math.floor(Date.now() / DAY) * DAY - 8 * DAY).toISOString().slice(0, 10);
    const { items } = await listAnomalies(org, { dimension: "team", value: "growth" });
    const onSpikeDay = items.filter((a) => a.start.slice(0, 10) === spikeDay && a.kind !== "drop");
    expect(onSpikeDay.length, JSON.stringify(items.map((a) => [a.start, a.kind, a.impact]))).toBeGreaterThan(0);
    const rc = onSpikeDay[0]!.rootCause as {
      contributors: { dims: Record<string, string> }[];
      flags: { kind: string; to?: string }[];
    };
    expect(rc.contributors[0]!.dims).toMatchObject({ model: "claude-sonnet-4-5" });
    expect(rc.flags).toContainEqual(expect.objectContaining({ kind: "model_switch", to: "claude-sonnet-4-5" }));
    const total = await listAnomalies(org, { dimension: "org" });
    expect(total.items.some((a) => a.start.slice(0, 10) === spikeDay)).toBe(true);
  }, 300_000);
});
