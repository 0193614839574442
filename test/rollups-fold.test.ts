import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget } from "@/lib/budgets";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { foldDeltas, orgsWithStaleDeltas } from "@/lib/rollups/fold-deltas";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { pendingDeltas } from "./support/rollup-check";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const H = 3_600_000;
const hour = (ago: number) => Math.floor(Date.now() / H) * H - ago * H;
const ev = (id: string, at: number, team = "t") => ({
  eventId: id,
  timestamp: new Date(at + 60_000).toISOString(),
  provider: "openai",
  model: "gpt-4o",
  inputTokens: 10,
  outputTokens: 0,
  team,
});
const mark = async (orgId: string) =>
  (
    await pgPool().query<{ fromHour: Date; version: string }>(
      `SELECT "fromHour", version::text FROM budget_marks WHERE "orgId" = $1`,
      [orgId],
    )
  ).rows[0];

describe("foldDeltas", () => {
  it("folds in batches of 5,000 deltas and says how many it folded", async () => {
    const org = await newOrg("fold-batches");
    // 5,001 distinct buckets (one team each): 5,001 delta rows.
    for (let i = 0; i < 5001; i += 1000)
      await ingestBatch(
        org.orgId,
        Array.from({ length: Math.min(1000, 5001 - i) }, (_, j) => ev(`b${i + j}`, hour(1), `team-${i + j}`)),
        {},
      );
    expect(await pendingDeltas(org.orgId)).toBe(5001);
    expect(await foldDeltas(org.orgId, 1)).toBe(5000);
    expect(await pendingDeltas(org.orgId)).toBe(1);
    expect(await foldDeltas(org.orgId)).toBe(1);
    expect(await foldDeltas(org.orgId)).toBe(0);
    const { rows } = await pgPool().query(`SELECT count(*)::int AS n FROM spend_rollups WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    expect(rows[0].n).toBe(5001);
  });

  it("marks an organisation with budgets from the earliest hour its spend changed", async () => {
    const plain = await newOrg("fold-nomark");
    await ingestBatch(plain.orgId, [ev("p", hour(2))], {});
    await foldDeltas(plain.orgId);
    expect(await mark(plain.orgId)).toBeUndefined();

    const org = await newOrg("fold-mark");
    await createBudget(org, { name: "m", period: "month", amount: "1" });
    await pgPool().query(`DELETE FROM budget_marks WHERE "orgId" = $1`, [org.orgId]);
    await ingestBatch(org.orgId, [ev("a", hour(3)), ev("b", hour(5))], {});
    await foldDeltas(org.orgId);
    const first = await mark(org.orgId);
    expect(first?.fromHour.getTime()).toBe(hour(5));
    await ingestBatch(org.orgId, [ev("c", hour(1))], {});
    await foldDeltas(org.orgId);
    const later = await mark(org.orgId);
    expect(later?.fromHour.getTime()).toBe(hour(5)); // a later hour keeps the earliest
    expect(BigInt(later!.version)).toBeGreaterThan(BigInt(first!.version));
    await ingestBatch(org.orgId, [ev("d", hour(8))], {});
    await foldDeltas(org.orgId);
    expect((await mark(org.orgId))?.fromHour.getTime()).toBe(hour(8));
    // Nothing to fold: no new mark version.
    const before = await mark(org.orgId);
    expect(await foldDeltas(org.orgId)).toBe(0);
    expect((await mark(org.orgId))?.version).toBe(before?.version);
  });

  it("lists organisations whose deltas waited longer than asked (the sweeper's work)", async () => {
    const org = await newOrg("fold-stale");
    await ingestBatch(org.orgId, [ev("s", hour(1))], {});
    expect(await orgsWithStaleDeltas(60_000)).not.toContain(org.orgId);
    await pgPool().query(`UPDATE rollup_deltas SET "createdAt" = now() - interval '2 minutes' WHERE "orgId" = $1`, [
      org.orgId,
    ]);
    expect(await orgsWithStaleDeltas(60_000)).toContain(org.orgId);
    await foldDeltas(org.orgId);
    expect(await orgsWithStaleDeltas(60_000)).not.toContain(org.orgId);
  });
});
