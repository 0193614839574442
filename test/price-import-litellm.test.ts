import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadShippedCatalog } from "@/lib/pricing/catalog/load-shipped-catalog";
import { applyImport } from "@/lib/pricing/import/apply-import";
import { parseLiteLlm } from "@/lib/pricing/import/parse-litellm";
import { parsePriceFile } from "@/lib/pricing/import/parse-price-file";
import { previewImport } from "@/lib/pricing/import/preview-import";
import { invalidatePriceCache, loadPriceBook } from "@/lib/pricing/load-price-book";
import { closeConnections } from "./support/close-connections";
import { newOrg } from "./support/factories";
import { resetCatalog } from "./support/reset-catalog";

const FIXTURE = JSON.parse(readFileSync(new URL("./fixtures/litellm-excerpt.json", import.meta.url), "utf8"));
const entries = parseLiteLlm(FIXTURE).entries;
const names = (items: { provider: string; model: string }[]) => items.map((i) => `${i.provider}/${i.model}`).sort();

beforeAll(resetCatalog);
afterAll(async () => {
  await resetCatalog();
  await closeConnections();
});

describe("LiteLLM map → catalog entries", () => {
  it("keeps path names, keeps Vertex apart from AI Studio, reads tiers at their own thresholds", () => {
    const { skipped } = parseLiteLlm(FIXTURE);
    expect(skipped.sort()).toEqual(["bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0", "ollama/llama2"]);
    const find = (p: string, m: string) => entries.find((e) => e.provider === p && e.model === m);
    expect(find("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo")).toBeDefined();
    expect(find("groq", "meta-llama/llama-4-scout-17b-16e-instruct")).toBeDefined();
    expect(find("google", "gemini-2.0-flash-001")?.prices.input).toBe("0.1");
    expect(find("vertex_ai", "gemini-2.0-flash-001")?.prices.input).toBe("0.15");
    expect(find("openai", "gpt-5.4")?.longContext).toEqual({
      thresholdTokens: 272_000,
      input: "5",
      output: "22.5",
      cachedInput: "0.5",
    });
    expect(find("xai", "grok-4-0709")?.longContext?.thresholdTokens).toBe(128_000);
    expect(find("anthropic", "claude-sonnet-4-5-20250929")?.longContext).toMatchObject({
      thresholdTokens: 200_000,
      cachedInput: "0.6",
      cacheWrite5m: "7.5",
    });
    expect(find("openai", "gpt-5.4")?.serviceTiers?.priority).toEqual({ input: "5", output: "30", cachedInput: "0.5" });
    expect(find("openai", "text-embedding-3-small")?.prices).toEqual({ input: "0.02" });
  });
});

describe("importing the LiteLLM map into the shipped catalog", () => {
  it("resolves aliases and prefixed names to existing models; adds only true new models and price lists", async () => {
    const diff = await previewImport(entries, { replace: false });
    expect(names(diff.added)).toEqual([
      "mistral/codestral-2405",
      "vertex_ai/gemini-2.0-flash-001",
      "vertex_ai/gemini-2.5-pro",
    ]);
    expect(diff.changed.map((c) => [c.provider, c.model, c.sourceName])).toEqual([
      ["deepseek", "deepseek-flash", "deepseek-chat"],
      ["mistral", "mistral-large-3", "mistral-large-latest"],
    ]);
    expect(diff.invalid).toEqual([]);
    expect(diff.issues.map((i) => [i.model, i.check, i.field])).toEqual([["deepseek-flash", "ratio", "cachedInput"]]);
  });

  it("refuses suspicious changes unless confirmed, then never makes a priced name unpriced", async () => {
    const org = await newOrg("litellm");
    const before = await db().modelPrice.count();
    await expect(applyImport(entries, { replace: false })).rejects.toMatchObject({ code: "conflict" });
    expect(await db().modelPrice.count()).toBe(before);

    invalidatePriceCache();
    const oldBook = await loadPriceBook(org.orgId);
    const { diff } = await applyImport(entries, { replace: false, confirm: true });
    expect(diff.added.length + diff.changed.length).toBe(5);
    invalidatePriceCache();
    const book = await loadPriceBook(org.orgId);
    const now = new Date(Date.now() + 1000);
    for (const m of loadShippedCatalog().models)
      for (const name of [m.model, ...m.aliases]) {
        const was = oldBook.resolve(name, m.provider, now);
        const is = book.resolve(name, m.provider, now);
        expect(is, `${m.provider}/${name} must stay priced`).not.toBeNull();
        expect(`${is!.provider}/${is!.model}`).toBe(`${was!.provider}/${was!.model}`);
        expect(book.resolve(name, undefined, now), `${name} without a provider`).not.toBeNull();
      }
    expect(book.resolve("gemini-2.0-flash-001", "vertex_ai", now)?.price.prices.input).toBe(150_000n);
    expect(book.resolve("gemini-2.0-flash-001", "google", now)?.price.prices.input).toBe(100_000n);
    expect(book.resolve("gemini-2.0-flash-001", undefined, now)?.price.prices.input).toBe(100_000n);
    // a dated snapshot priced apart from its model becomes its own model; the model keeps its price
    expect(book.resolve("codestral-2405", "mistral", now)?.price.prices.input).toBe(1_000_000n);
    expect(book.resolve("codestral-2501", "mistral", now)?.price.prices.input).toBe(300_000n);
    expect(book.resolve("gpt-4o-2024-05-13", "openai", now)?.price.prices.input).toBe(5_000_000n);
    expect(book.resolve("gpt-4o-2024-08-06", "openai", now)?.price.prices.input).toBe(2_500_000n);

    const flash = await db().modelPrice.findFirstOrThrow({
      where: { provider: "deepseek", model: "deepseek-flash", effectiveTo: null },
    });
    expect(flash).toMatchObject({
      displayName: "DeepSeek V4.1 Flash (peak rate)",
      aliases: ["deepseek-v4-flash", "deepseek-chat", "deepseek-reasoner"],
      sourceUrl: "https://api-docs.deepseek.com/quick_start/pricing",
      prices: { input: "0.27", output: "1.1", cachedInput: "0.07", cacheWrite5m: "0" },
    });
    const large = await db().modelPrice.findFirstOrThrow({
      where: { provider: "mistral", model: "mistral-large-3", effectiveTo: null },
    });
    expect(large.serviceTiers).toEqual({ batch: { multiplier: "0.5" } });
  });

  it("applying the same file twice changes nothing the second time", async () => {
    const count = await db().modelPrice.count();
    const { diff } = await applyImport(entries, { replace: false, confirm: true });
    expect([diff.added.length, diff.changed.length, diff.issues.length]).toEqual([0, 0, 0]);
    expect(await db().modelPrice.count()).toBe(count);
  });

  it("compares decimal values, not their spelling", async () => {
    const csv = "provider,model,input,output,cached_input\nopenai,gpt-4o,2.5,10.000,1.250\n";
    const diff = await previewImport(parsePriceFile(csv, "csv"), { replace: false });
    expect([diff.changed.length, diff.unchanged]).toEqual([0, 1]);
  });

  it("merges: keeps tiers, cache prices of the long-context tier, display name and source the file does not carry", async () => {
    const file = JSON.stringify({
      catalogVersion: "x",
      currency: "USD",
      models: [{ provider: "openai", model: "gpt-5.4", prices: { input: "2.75", output: "15" } }],
    });
    await applyImport(parsePriceFile(file), { replace: false });
    const row = await db().modelPrice.findFirstOrThrow({
      where: { provider: "openai", model: "gpt-5.4", effectiveTo: null },
    });
    expect(row.prices).toEqual({ input: "2.75", output: "15", cachedInput: "0.25" });
    expect(row.longContext).toEqual({ thresholdTokens: 272_000, input: "5.00", output: "22.50", cachedInput: "0.50" });
    expect(row.serviceTiers).toMatchObject({ priority: { input: "5.00", output: "30.00", cachedInput: "0.50" } });
    expect([row.displayName, row.sourceUrl, row.checkedAt]).toEqual([
      "GPT-5.4",
      "https://developers.openai.com/api/docs/pricing",
      "2026-11-24",
    ]);
  });
});
