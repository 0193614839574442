import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/apikeys/create-api-key";
import { listApiKeys } from "@/lib/apikeys/list-api-keys";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { formatPicoUsd } from "@/lib/money/pico";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { countActiveEndUsers } from "@/lib/rollups/count-active-end-users";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { querySpend } from "@/lib/rollups/query-spend";
import { spendQuerySchema } from "@/lib/rollups/spend-query";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const ev = (eventId: string, team: string, endUser: string, inputTokens: number) => ({
  eventId,
  timestamp: new Date(Date.now() - 3_600_000).toISOString(),
  provider: "openai",
  model: "gpt-4o",
  inputTokens,
  outputTokens: 10,
  team,
  endUser,
});

async function rawOf(orgId: string) {
  const { rows } = await pgPool().query<{ n: number; cost: string }>(
    `SELECT count(*)::int AS n, coalesce(sum("costPico"), 0)::text AS cost FROM usage_events WHERE "orgId" = $1`,
    [orgId],
  );
  return rows[0]!;
}

describe("tenant isolation below the HTTP layer", () => {
  it("the same eventId from two organisations is two events; a retry is a duplicate only within its own organisation", async () => {
    const a = await newOrg("iso-a");
    const b = await newOrg("iso-b");
    expect(await ingestBatch(a.orgId, [ev("shared-1", "a-team", "a-user", 100)], {})).toMatchObject({
      accepted: 1,
      duplicates: 0,
    });
    expect(await ingestBatch(b.orgId, [ev("shared-1", "b-team", "b-user", 200)], {})).toMatchObject({
      accepted: 1,
      duplicates: 0,
    });
    expect(await ingestBatch(a.orgId, [ev("shared-1", "a-team", "a-user", 100)], {})).toMatchObject({
      accepted: 0,
      duplicates: 1,
    });
    expect((await rawOf(a.orgId)).n).toBe(1);
    expect((await rawOf(b.orgId)).n).toBe(1);
    const { rows } = await pgPool().query(
      `SELECT "orgId", team FROM usage_events WHERE "eventId" = 'shared-1' AND "orgId" = ANY($1)`,
      [[a.orgId, b.orgId]],
    );
    expect(rows.map((r) => `${r.orgId === a.orgId ? "a" : "b"}:${r.team}`).sort()).toEqual(["a:a-team", "b:b-team"]);
  });

  it("queries for organisation A return A's rows only while B has data in the same buckets", async () => {
    const a = await newOrg("iso-qa");
    const b = await newOrg("iso-qb");
    await ingestBatch(a.orgId, [ev("q-1", "shared-team", "a-user", 1000), ev("q-2", "a-only", "a-user-2", 500)], {});
    await ingestBatch(b.orgId, [ev("q-1", "shared-team", "b-user", 7000), ev("q-3", "b-only", "b-user-2", 9000)], {});
    await foldDeltas(a.orgId);
    await foldDeltas(b.orgId);
    for (const [org, other, teams] of [
      [a, b, ["a-only", "shared-team"]],
      [b, a, ["b-only", "shared-team"]],
    ] as const) {
      const answer = await querySpend(org, spendQuerySchema.parse({ groupBy: "team" }));
      expect(answer.series.map((s) => s.key.team).sort()).toEqual(teams);
      const raw = await rawOf(org.orgId);
      expect(answer.total.events).toBe(raw.n);
      expect(answer.total.cost).toBe(formatPicoUsd(BigInt(raw.cost)));
      expect(answer.total.cost).not.toBe(formatPicoUsd(BigInt((await rawOf(other.orgId)).cost)));
      const from = new Date(Date.now() - 86_400_000);
      expect(await countActiveEndUsers(org, from, new Date())).toBe(2);
    }
  });

  it("lists API keys of the caller's organisation only", async () => {
    const a = await newOrg("iso-ka");
    const b = await newOrg("iso-kb");
    await createApiKey(a, { name: "a-key", scopes: ["read"] });
    await createApiKey(b, { name: "b-key", scopes: ["read"] });
    expect((await listApiKeys(a)).map((k) => k.name)).toEqual(["a-key"]);
    expect((await listApiKeys(b)).map((k) => k.name)).toEqual(["b-key"]);
  });
});
