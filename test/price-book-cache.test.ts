// The per-process price book cache against the run's real Postgres: fresh for a few seconds; past
// them the last book still answers at once while one read replaces it; invalidation is waited for.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { invalidatePriceCache, loadPriceBook } from "@/lib/pricing/load-price-book";
import { budgetOrg } from "./support/budget-helpers";
import { closeConnections } from "./support/close-connections";

afterAll(closeConnections);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TTL_MS = 3_000; // lib/pricing/load-price-book.ts

describe("price book cache", () => {
  it("serves the last book past its age while one read replaces it; an invalidation is read at once", async () => {
    const org = await budgetOrg("book-swr");
    const now = new Date();
    const first = await loadPriceBook(org.orgId);
    expect(first.resolve("swr-7b", "self-hosted", now)).toBeNull();
    // A custom price written as another process would, without invalidating this process's cache.
    await db().priceOverride.create({
      data: {
        orgId: org.orgId,
        kind: "CUSTOM_PRICE",
        provider: "self-hosted",
        model: "swr-7b",
        prices: { input: "1", output: "2" },
        effectiveFrom: new Date(now.getTime() - 60_000),
      },
    });
    expect(await loadPriceBook(org.orgId)).toBe(first); // fresh: the same book
    await sleep(TTL_MS + 50);
    expect(await loadPriceBook(org.orgId)).toBe(first); // stale: still answers, a read starts
    let book = first;
    for (let i = 0; i < 100 && book === first; i++) {
      await sleep(20);
      book = await loadPriceBook(org.orgId);
    }
    expect(book.resolve("swr-7b", "self-hosted", new Date())).not.toBeNull();

    await db().priceOverride.deleteMany({ where: { orgId: org.orgId } });
    invalidatePriceCache(org.orgId);
    expect((await loadPriceBook(org.orgId)).resolve("swr-7b", "self-hosted", new Date())).toBeNull();
  });
});
