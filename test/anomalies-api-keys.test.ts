// apiKey monitors for every organisation (api_key_spend), here one without any budget (so without
// scoped spend): the run watches its keys and finds a spike on one key's own series, with the
// figures worked out by hand; another organisation's key of the same id never shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateOrgAnomalies, listAnomalies } from "@/lib/anomalies";
import { db } from "@/lib/db";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import type { OrgContext } from "@/lib/tenancy/context";
import { budgetOrg, costing } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const HOUR = 3_600_000;
/** The spike hour: five hours ago, so every event is in the past. */
const H = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
/** key-app's week, repeating exactly: $6 an hour from 09:00 to 18:00 UTC, $2 otherwise. */
const usual = (t: number) => {
  const hod = new Date(t).getUTCHours();
  return hod >= 9 && hod < 18 ? 6 : 2;
};
const at = (t: number, minutes: number) => new Date(t + minutes * 60_000);

/** Ingests events through one API key (batches of 500) and folds. */
async function spendThrough(orgId: string, apiKeyId: string, events: ReturnType<typeof costing>[]) {
  for (let i = 0; i < events.length; i += 500) {
    const r = await ingestBatch(orgId, events.slice(i, i + 500), {}, { apiKeyId });
    if (r.accepted !== Math.min(500, events.length - i)) throw new Error(JSON.stringify(r.rejected));
  }
  await foldDeltas(orgId);
}

/** Events of `usd` in all (whole dollars), in pieces of at most $20. */
function costingUsd(usd: number, when: Date, attribution: Record<string, string> = {}) {
  const out = [];
  for (let left = usd; left > 0; left -= 20) out.push(costing(String(Math.min(20, left)), when, attribution));
  return out;
}

describe("apiKey monitors without scoped spend", () => {
  let org: OrgContext;
  let other: OrgContext;
  beforeAll(async () => {
    org = await budgetOrg("anomaly-keys");
    other = await budgetOrg("anomaly-keys-other");
    for (const o of [org, other])
      await db().organization.update({ where: { id: o.orgId }, data: { allowBackfill: true } });
    // 17 days up to the hour after the spike: key-app the usual week, key-cron $1 every hour; both
    // team search (so the team and model monitors see the sum, only the key monitors each key).
    const app = [];
    const cron = [];
    for (let t = H - 17 * 24 * HOUR; t <= H + HOUR; t += HOUR) {
      app.push(costing(String(usual(t)), at(t, 5), { team: "search" }));
      cron.push(costing("1", at(t, 7), { team: "search" }));
    }
    await spendThrough(org.orgId, "key-app", app);
    await spendThrough(org.orgId, "key-cron", cron);
    // The other organisation: a key with the same id, $500 in the spike hour, and a key of its own.
    await spendThrough(other.orgId, "key-app", costingUsd(500, at(H, 10)));
    await spendThrough(other.orgId, "key-theirs", costingUsd(40, at(H - 48 * HOUR, 10)));
  });

  it("watches every key of an organisation with no budget, and flags the spike on key-app's own series", async () => {
    // $60 more through key-app 20 minutes into the spike hour; the run is 45 minutes in (the hour's
    // expected counts for 3/4 of it), as in anomalies-worker.test.ts.
    await spendThrough(org.orgId, "key-app", costingUsd(60, at(H, 20), { team: "search" }));
    await evaluateOrgAnomalies(org.orgId, at(H, 45));

    expect(
      (await db().organization.findUniqueOrThrow({ where: { id: org.orgId }, select: { tracksScopedSpend: true } }))
        .tracksScopedSpend,
    ).toBe(false);
    const monitors = await db().anomalyMonitor.findMany({
      where: { orgId: org.orgId, active: true, dimension: "apiKey" },
      select: { value: true },
      orderBy: { value: "asc" },
    });
    expect(monitors.map((m) => m.value)).toEqual(["key-app", "key-cron"]);

    const { items } = await listAnomalies(org, { dimension: "apiKey" });
    expect(items).toHaveLength(1); // key-cron ran as usual
    const app = items[0]!;
    expect(app).toMatchObject({
      monitor: { dimension: "apiKey", value: "key-app" },
      status: "open",
      kind: "spike",
      start: new Date(H).toISOString(),
      expected: String(usual(H) * 0.75),
      actual: String(usual(H) + 60),
      impact: String(usual(H) * 0.25 + 60),
    });
    // Its root cause reads the key's own spend: the whole impact is the excess.
    expect((app.rootCause as { excess: string }).excess).toBe(String(usual(H) * 0.25 + 60));

    // The organisation total's root cause splits the excess by key: its expected, (usual + 1) × 3/4,
    // shared in the baseline's proportions (the same hours 1 and 2 weeks before: usual and $1).
    const total = (await listAnomalies(org, { dimension: "org" })).items[0]!;
    expect(total).toMatchObject({ expected: String((usual(H) + 1) * 0.75), actual: String(usual(H) + 61) });
    const rc = total.rootCause as { byDimension: Record<string, unknown[]>; contributors: unknown[] };
    expect(rc.byDimension.apiKey).toEqual([
      {
        dims: { apiKey: "key-app" },
        actual: String(usual(H) + 60),
        expected: String(usual(H) * 0.75),
        excess: String(usual(H) * 0.25 + 60),
      },
      { dims: { apiKey: "key-cron" }, actual: "1", expected: "0.75", excess: "0.25" },
    ]);
    expect(rc.contributors).toContainEqual(expect.objectContaining({ dims: { apiKey: "key-app" } }));
  });

  it("another organisation sees none of these keys, and they none of its", async () => {
    await evaluateOrgAnomalies(other.orgId, at(H, 45));
    const theirs = await db().anomalyMonitor.findMany({
      where: { orgId: other.orgId, dimension: "apiKey" },
      select: { value: true },
      orderBy: { value: "asc" },
    });
    expect(theirs.map((m) => m.value)).toEqual(["key-app", "key-theirs"]);
    expect(
      (await db().anomalyMonitor.findMany({ where: { orgId: org.orgId, dimension: "apiKey" } })).map((m) => m.value),
    ).not.toContain("key-theirs");
    expect((await listAnomalies(other, { dimension: "apiKey" })).items.map((a) => a.monitor.value)).not.toContain(
      "key-cron",
    );
  });
});
