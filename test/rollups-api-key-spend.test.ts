// Hourly spend per API key (api_key_spend), kept for every organisation: exact after ingest and the
// fold (retried and duplicate events count once), after re-pricing, across the migration's backfill,
// and per organisation. Expected figures are worked out by hand (house-7b costs exactly $1 per 1M
// input tokens, budget-helpers) and checked against a plain-JS oracle over the raw events.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { createOverride } from "@/lib/pricing/overrides/create-override";
import { runReprice } from "@/lib/pricing/reprice/run-reprice";
import { FOLD_SQL, foldDeltas } from "@/lib/rollups/fold-deltas";
import { budgetOrg, costing } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";
import { rollupMismatches } from "./support/rollup-check";
import { apiKeySpendFromEvents, apiKeySpendFromTable } from "./support/rollup-oracle";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const HOUR = 3_600_000;
const H0 = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
const H1 = H0 + HOUR;
const at = (t: number, minutes: number) => new Date(t + minutes * 60_000);
const iso = (t: number) => new Date(t).toISOString();
/** Dollars to pico-dollars, as a decimal string. */
const pico = (usd: string) => {
  const [whole, frac = ""] = usd.split(".");
  return (BigInt(whole!) * 1_000_000_000_000n + BigInt(frac.padEnd(12, "0"))).toString();
};

async function ingest(orgId: string, events: unknown[], apiKeyId: string | null) {
  return ingestBatch(orgId, events, {}, { apiKeyId });
}

/** api_key_spend of the organisation: "key | hour" → pico, checked against the oracle first. */
async function spendPerKey(orgId: string): Promise<Record<string, string>> {
  const table = await apiKeySpendFromTable(orgId);
  expect(table).toEqual(await apiKeySpendFromEvents(orgId));
  return Object.fromEntries(table);
}

describe("api_key_spend", () => {
  it("is exact per key and hour after ingest and fold: a retried batch, a duplicate event and a retry through another key count once; events without a key and other organisations' keys are not in it", async () => {
    const org = await budgetOrg("aks-exact");
    const other = await budgetOrg("aks-other");
    const a1 = costing("1.5", at(H0, 5));
    const a2 = costing("2.25", at(H0, 40));
    const a3 = costing("0.000001", at(H1, 10));
    expect(await ingest(org.orgId, [a1, a2, a3], "key-a")).toMatchObject({ accepted: 3 });
    const b1 = costing("4", at(H0, 1));
    const b2 = costing("0.5", at(H1, 30));
    // b2 twice in one batch, and an event with no price (house-llm has none): it costs 0.
    const unpriced = { ...costing("1", at(H1, 31)), model: "house-llm" };
    expect(await ingest(org.orgId, [b1, b2, b2, unpriced], "key-b")).toMatchObject({ accepted: 3, duplicates: 1 });
    await foldDeltas(org.orgId);
    // After the first fold, retries: the whole batch again from key-a, a1 again through key-b.
    expect(await ingest(org.orgId, [a1, a2, a3], "key-a")).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await ingest(org.orgId, [a1], "key-b")).toMatchObject({ accepted: 0, duplicates: 1 });
    // More spend into key-a's existing bucket (the fold adds to it), and $10 sent without a key.
    expect(await ingest(org.orgId, [costing("0.25", at(H0, 50))], "key-a")).toMatchObject({ accepted: 1 });
    expect(await ingest(org.orgId, [costing("10", at(H0, 2))], null)).toMatchObject({ accepted: 1 });
    // Another organisation with a key of the same id and its own spend in the same hour.
    expect(await ingest(other.orgId, [costing("7", at(H0, 3))], "key-a")).toMatchObject({ accepted: 1 });
    await foldDeltas(org.orgId);
    await foldDeltas(other.orgId);

    expect(await spendPerKey(org.orgId)).toEqual({
      [`key-a | ${iso(H0)}`]: pico("4"), // 1.5 + 2.25 + 0.25
      [`key-a | ${iso(H1)}`]: pico("0.000001"),
      [`key-b | ${iso(H0)}`]: pico("4"),
      [`key-b | ${iso(H1)}`]: pico("0.5"), // b2 once, the unpriced event 0
    });
    expect(await spendPerKey(other.orgId)).toEqual({ [`key-a | ${iso(H0)}`]: pico("7") });
    expect(await rollupMismatches(org.orgId)).toEqual([]);
  });

  it("costs an ingest batch no extra delta row: a batch comes from one key", async () => {
    const org = await budgetOrg("aks-rows");
    const deltaRows = async () =>
      (
        await pgPool().query<{ n: number; keys: string[] }>(
          `SELECT count(*)::int AS n, array_agg(DISTINCT coalesce("apiKeyId", '-')) AS keys FROM rollup_deltas WHERE "orgId" = $1`,
          [org.orgId],
        )
      ).rows[0]!;
    // 40 events in 2 hours and 2 teams: 4 buckets, with a key as without one.
    const batch = () =>
      Array.from({ length: 40 }, (_, i) => costing("0.01", at(i % 2 ? H0 : H1, i), { team: i % 4 < 2 ? "a" : "b" }));
    await ingest(org.orgId, batch(), "key-a");
    expect(await deltaRows()).toEqual({ n: 4, keys: ["key-a"] });
    await foldDeltas(org.orgId);
    await ingest(org.orgId, batch(), null);
    expect(await deltaRows()).toEqual({ n: 4, keys: ["-"] });
  });

  it("follows re-pricing: a price change moves each key's spend out of the old price and into the new one", async () => {
    const org = await budgetOrg("aks-reprice");
    await ingest(org.orgId, [costing("1.5", at(H0, 5)), costing("2", at(H1, 5))], "key-a");
    await ingest(org.orgId, [costing("0.25", at(H0, 6)), { ...costing("2", at(H1, 6)), model: "house-llm" }], "key-b");
    await foldDeltas(org.orgId);
    expect(await spendPerKey(org.orgId)).toEqual({
      [`key-a | ${iso(H0)}`]: pico("1.5"),
      [`key-a | ${iso(H1)}`]: pico("2"),
      [`key-b | ${iso(H0)}`]: pico("0.25"),
      [`key-b | ${iso(H1)}`]: pico("0"), // house-llm has no price yet
    });
    // A 40% discount on house-7b from 2020 on (every event), and house-llm gets $1 per 1M.
    const discount = await createOverride(org, {
      kind: "DISCOUNT",
      provider: "self-hosted",
      model: "house-7b",
      percentOff: "40",
      effectiveFrom: "2020-01-01T00:00:00Z",
    });
    await runReprice(discount.repriceJob.id);
    const priced = await createOverride(org, {
      kind: "CUSTOM_PRICE",
      provider: "self-hosted",
      model: "house-llm",
      prices: { input: "1", output: "0" },
    });
    await runReprice(priced.repriceJob.id);
    expect(await spendPerKey(org.orgId)).toEqual({
      [`key-a | ${iso(H0)}`]: pico("0.9"),
      [`key-a | ${iso(H1)}`]: pico("1.2"),
      [`key-b | ${iso(H0)}`]: pico("0.15"),
      [`key-b | ${iso(H1)}`]: pico("2"),
    });
    expect(await rollupMismatches(org.orgId)).toEqual([]);
  });

  it("the migration's backfill and the deltas written before it (no key) count every event once", async () => {
    const backfill = readFileSync("prisma/migrations/20261130124500_api_key_spend/migration.sql", "utf8").match(
      /INSERT INTO "api_key_spend"[^;]*;/,
    )?.[0];
    expect(backfill).toBeDefined();
    const org = await budgetOrg("aks-migration");
    // Folded before the migration, and pending at the migration (its deltas then had no key).
    await ingest(org.orgId, [costing("2", at(H0, 5))], "key-a");
    await foldDeltas(org.orgId);
    await ingest(org.orgId, [costing("3", at(H0, 6)), costing("0.5", at(H1, 6))], "key-a");
    const client = await pgPool().connect();
    try {
      await client.query("BEGIN");
      // The database as the migration finds it: deltas without a key and an empty api_key_spend (a
      // temporary table of that name comes first in the search path).
      await client.query(`UPDATE rollup_deltas SET "apiKeyId" = NULL WHERE "orgId" = $1`, [org.orgId]);
      await client.query(`CREATE TEMP TABLE api_key_spend (LIKE public.api_key_spend INCLUDING ALL) ON COMMIT DROP`);
      await client.query(backfill!);
      await client.query(FOLD_SQL, [org.orgId]);
      const { rows } = await client.query(
        `SELECT "apiKeyId", hour, "costPico"::text AS c FROM api_key_spend WHERE "orgId" = $1 ORDER BY hour`,
        [org.orgId],
      );
      expect(rows).toEqual([
        { apiKeyId: "key-a", hour: new Date(H0), c: pico("5") },
        { apiKeyId: "key-a", hour: new Date(H1), c: pico("0.5") },
      ]);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
