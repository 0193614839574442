import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { applyImport } from "@/lib/pricing/import/apply-import";
import { parsePriceFile } from "@/lib/pricing/import/parse-price-file";
import { previewImport } from "@/lib/pricing/import/preview-import";
import { invalidatePriceCache, loadPriceBook } from "@/lib/pricing/load-price-book";
import { runReprice } from "@/lib/pricing/reprice/run-reprice";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { resetCatalog } from "./support/reset-catalog";

beforeAll(resetCatalog);
afterAll(async () => {
  await resetCatalog();
  await closeConnections();
});

const DAY = 86_400_000;
const catalogFile = (models: object[]) =>
  parsePriceFile(JSON.stringify({ catalogVersion: "t", currency: "USD", models }));
const costs = async (orgId: string) =>
  (
    await pgPool().query<{ eventId: string; cost: string }>(
      `SELECT "eventId", "costPico"::text AS cost FROM usage_events WHERE "orgId" = $1 ORDER BY "eventId"`,
      [orgId],
    )
  ).rows.map((r) => [r.eventId, r.cost]);

describe("what an import does to events", () => {
  it("previews how many events of the last 30 days change and by how much; applied, re-pricing follows", async () => {
    const org = await newOrg("impact");
    const now = Date.now();
    const event = (id: string, ageMs: number) => ({
      eventId: `${id}-${randomUUID().slice(0, 6)}`,
      timestamp: new Date(now - ageMs).toISOString(),
      provider: "deepseek",
      model: "deepseek-chat",
      inputTokens: 1_000_000,
      outputTokens: 0,
    });
    const events = [event("a-1d", DAY), event("b-3d", 3 * DAY), event("c-20d", 20 * DAY), event("d-31d", 31 * DAY)];
    const res = await ingestBatch(org.orgId, events, {});
    expect(res.accepted).toBe(4);

    // deepseek-flash (deepseek-chat is its alias): input 0.30 → 0.60 per 1M tokens
    const entries = parsePriceFile("provider,model,input,output\ndeepseek,deepseek-chat,0.60,1.20\n", "csv");
    const diff = await previewImport(entries, { replace: false });
    expect(diff.changed.map((c) => [c.model, c.impact])).toEqual([["deepseek-flash", { events: 3, delta: "0.9" }]]);
    expect(diff.impact).toEqual({ events: 3, delta: "0.9", days: 30 });

    const { repriceJobs } = await applyImport(entries, { replace: false, effectiveFrom: new Date(now - 2 * DAY) });
    expect(repriceJobs).toBeGreaterThanOrEqual(1);
    const job = await db().repriceJob.findFirstOrThrow({ where: { orgId: org.orgId } });
    await runReprice(job.id);
    const after = Object.fromEntries((await costs(org.orgId)).map(([id, c]) => [id!.slice(0, 5), c]));
    expect(after).toEqual({
      "a-1d-": "600000000000",
      "b-3d-": "300000000000",
      "c-20d": "300000000000",
      "d-31d": "300000000000",
    });
  });
});

describe("dated prices", () => {
  it("an introductory price that ends: two versions entered now, each in force on its dates; applied twice, once", async () => {
    const org = await newOrg("dated");
    const file = catalogFile([
      { provider: "introco", model: "intro-1", prices: { input: "1.00", output: "2.00" } },
      {
        provider: "introco",
        model: "intro-1",
        prices: { input: "3.00", output: "6.00" },
        effectiveFrom: "2027-01-01T00:00:00Z",
      },
      {
        provider: "deepseek",
        model: "deepseek-v4-pro",
        prices: { input: "1.74", output: "3.48" },
        effectiveFrom: "2027-01-01T00:00:00Z",
      },
    ]);
    const { diff } = await applyImport(file, { replace: false });
    expect(diff.added.map((a) => [a.model, a.effectiveFrom])).toEqual([["intro-1", null]]);
    expect(diff.changed.map((c) => [c.model, c.effectiveFrom])).toEqual([
      ["intro-1", "2027-01-01T00:00:00Z"],
      ["deepseek-v4-pro", "2027-01-01T00:00:00Z"],
    ]);
    invalidatePriceCache();
    const book = await loadPriceBook(org.orgId);
    const input = (m: string, iso: string) => book.resolve(m, undefined, new Date(iso))?.price.prices.input;
    expect(input("intro-1", "2026-12-31T23:59:59.999Z")).toBe(1_000_000n);
    expect(input("intro-1", "2027-01-01T00:00:00.000Z")).toBe(3_000_000n);
    expect(input("deepseek-v4-pro", "2026-12-31T23:59:59.999Z")).toBe(1_320_000n);
    expect(input("deepseek-v4-pro", "2027-01-01T00:00:00.000Z")).toBe(1_740_000n);

    const count = await db().modelPrice.count();
    const again = await applyImport(file, { replace: false });
    expect([again.diff.added.length, again.diff.changed.length, again.diff.unchanged]).toEqual([0, 0, 3]);
    expect(await db().modelPrice.count()).toBe(count);

    // a later undated change splits the version in force now and leaves the dated one alone
    await applyImport(
      catalogFile([{ provider: "introco", model: "intro-1", prices: { input: "0.50", output: "1.00" } }]),
      {
        replace: false,
      },
    );
    invalidatePriceCache();
    const later = await loadPriceBook(org.orgId);
    expect(later.resolve("intro-1", undefined, new Date(Date.now() + 1000))?.price.prices.input).toBe(500_000n);
    expect(later.resolve("intro-1", undefined, new Date("2027-02-01T00:00:00Z"))?.price.prices.input).toBe(3_000_000n);
    const versions = await db().modelPrice.findMany({
      where: { provider: "introco", model: "intro-1" },
      orderBy: { effectiveFrom: "asc" },
    });
    const intervals = versions.map((v) => [
      (v.prices as { input: string }).input,
      v.effectiveTo?.toISOString() ?? null,
    ]);
    expect(intervals).toEqual([
      ["1.00", versions[1]!.effectiveFrom.toISOString()],
      ["0.50", "2027-01-01T00:00:00.000Z"],
      ["3.00", null],
    ]);
  });
});
