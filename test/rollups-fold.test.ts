import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget } from "@/lib/budgets";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { getQueue } from "@/lib/queue/enqueue";
import { foldDeltas, orgsWithStaleDeltas } from "@/lib/rollups/fold-deltas";
import { trackScopedSpend } from "@/lib/rollups/track-scoped-spend";
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
const pendingScoped = async (orgId: string) =>
  (await pgPool().query(`SELECT count(*)::int AS n FROM scoped_spend_deltas WHERE "orgId" = $1`, [orgId])).rows[0]
    .n as number;
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

  it("one call folds every batch pending, rollup and scoped deltas alike", async () => {
    const org = await newOrg("fold-all");
    await trackScopedSpend(org.orgId);
    // 5,001 end users of one team in one hour: 5,001 scoped deltas but one rollup delta per ingest statement.
    for (let i = 0; i < 5001; i += 1000)
      await ingestBatch(
        org.orgId,
        Array.from({ length: Math.min(1000, 5001 - i) }, (_, j) => ({
          ...ev(`u${i + j}`, hour(1)),
          endUser: `u${i + j}`,
        })),
        {},
      );
    expect(await pendingScoped(org.orgId)).toBe(5001);
    expect(await pendingDeltas(org.orgId)).toBe(6);
    expect(await foldDeltas(org.orgId)).toBe(6);
    expect(await pendingScoped(org.orgId)).toBe(0);
    // In an organisation without scoped spend, 5,001 teams: 5,001 rollup deltas and no scoped ones,
    // folded in one call (a batch of 5,000 and one of 1).
    const plain = await newOrg("fold-all-plain");
    for (let i = 0; i < 5001; i += 1000)
      await ingestBatch(
        plain.orgId,
        Array.from({ length: Math.min(1000, 5001 - i) }, (_, j) => ev(`t${i + j}`, hour(2), `team-${i + j}`)),
        {},
      );
    expect(await pendingDeltas(plain.orgId)).toBe(5001);
    expect(await pendingScoped(plain.orgId)).toBe(0);
    expect(await foldDeltas(plain.orgId)).toBe(5001);
    expect(await pendingDeltas(plain.orgId)).toBe(0);
  });

  it("after a fold that marked budgets, enqueues one budgets job for that mark version", async () => {
    const org = await newOrg("fold-enqueue");
    await createBudget(org, { name: "e", period: "month", amount: "1" });
    await ingestBatch(org.orgId, [ev("e1", hour(1))], {});
    await foldDeltas(org.orgId);
    const version = (await mark(org.orgId))!.version;
    let job = await getQueue("budgets").getJob(`budgets-${org.orgId}-${version}`);
    for (let i = 0; !job && i < 60; i++) {
      await new Promise((r) => setTimeout(r, 50)); // the fold does not await its enqueue
      job = await getQueue("budgets").getJob(`budgets-${org.orgId}-${version}`);
    }
    expect(job?.data).toEqual({ orgId: org.orgId });
    // An organisation without budgets is not marked, and no budgets job is enqueued for it.
    const plain = await newOrg("fold-enqueue-plain");
    await ingestBatch(plain.orgId, [ev("p1", hour(1))], {});
    await foldDeltas(plain.orgId);
    await new Promise((r) => setTimeout(r, 300));
    const jobs = await getQueue("budgets").getJobs(["waiting", "delayed", "prioritized"]);
    expect(jobs.filter((j) => j.data.orgId === plain.orgId)).toEqual([]);
  });

  it("lists an organisation whose only stale deltas are scoped ones", async () => {
    const org = await newOrg("fold-stale-scoped");
    await trackScopedSpend(org.orgId);
    await ingestBatch(org.orgId, [{ ...ev("ss", hour(1)), endUser: "u" }], {});
    await pgPool().query(
      `UPDATE scoped_spend_deltas SET "createdAt" = now() - interval '2 minutes' WHERE "orgId" = $1`,
      [org.orgId],
    );
    expect(await orgsWithStaleDeltas(60_000)).toContain(org.orgId); // its rollup delta is fresh
    expect(await orgsWithStaleDeltas(180_000)).not.toContain(org.orgId);
  });
});
