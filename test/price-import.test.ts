import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { applyImport } from "@/lib/pricing/import/apply-import";
import { previewImport } from "@/lib/pricing/import/preview-import";
import { parseLiteLlm } from "@/lib/pricing/import/parse-litellm";
import { parsePriceCsv } from "@/lib/pricing/import/parse-price-csv";
import { invalidatePriceCache, loadPriceBook } from "@/lib/pricing/load-price-book";
import { newOrg } from "./support/factories";

beforeAll(installShippedCatalogIfEmpty);
afterAll(disconnectDb);

const LITELLM = {
  sample_spec: { input_cost_per_token: 0 },
  "gpt-4o-mini": {
    litellm_provider: "openai",
    mode: "chat",
    input_cost_per_token: 1.5e-7,
    output_cost_per_token: 6e-7,
    cache_read_input_token_cost: 7.5e-8,
  },
  "test-import-model-x": {
    litellm_provider: "openai",
    mode: "chat",
    input_cost_per_token: 1e-6,
    output_cost_per_token: 4e-6,
  },
  "ollama/llama2": { litellm_provider: "ollama", input_cost_per_token: 0 },
};

describe("price import", () => {
  it("reads LiteLLM's per-token floats exactly and skips unmapped providers", () => {
    const { entries, skipped } = parseLiteLlm(LITELLM);
    expect(skipped).toEqual(["ollama/llama2"]);
    expect(entries.find((e) => e.model === "gpt-4o-mini")?.prices).toEqual({
      input: "0.15",
      output: "0.6",
      cachedInput: "0.075",
    });
  });

  it("reads the simple CSV and names a bad header", () => {
    const entries = parsePriceCsv('provider,model,input,output,cached_input\nacme,acme-1,"1.50",6,0.15\n');
    expect(entries).toEqual([
      expect.objectContaining({
        provider: "acme",
        model: "acme-1",
        prices: { input: "1.50", output: "6", cachedInput: "0.15" },
      }),
    ]);
    expect(() => parsePriceCsv("provider,model,input\n")).toThrow(/output/);
    expect(() => parsePriceCsv("provider,model,input,output,colour\n")).toThrow(/colour/);
  });

  it("previews added/changed, applies them as new versions, and keeps history for old events", async () => {
    const org = await newOrg("import");
    const before = new Date(Date.now() - 60_000);
    const entries = parsePriceCsv(
      "provider,model,input,output\nopenai,gpt-4o-mini,0.30,1.20\nimportco,importco-1,1,2\n",
    );
    const preview = await previewImport(entries, { replace: false });
    expect(preview.added.map((a) => a.model)).toEqual(["importco-1"]);
    expect(preview.changed.map((c) => c.model)).toEqual(["gpt-4o-mini"]);
    expect(preview.removed).toEqual([]);
    const countBefore = await db().modelPrice.count();

    const { diff, effectiveFrom } = await applyImport(entries, { replace: false });
    expect(diff.changed).toHaveLength(1);
    expect(await db().modelPrice.count()).toBe(countBefore + 2);
    const versions = await db().modelPrice.findMany({
      where: { provider: "openai", model: "gpt-4o-mini" },
      orderBy: { effectiveFrom: "asc" },
    });
    expect(versions).toHaveLength(2);
    expect(versions[0]!.effectiveTo?.getTime()).toBe(effectiveFrom.getTime());
    expect(versions[1]!.aliases).toEqual(versions[0]!.aliases);

    invalidatePriceCache();
    const book = await loadPriceBook(org.orgId);
    expect(book.resolve("gpt-4o-mini", "openai", before)?.price.prices.input).toBe(150_000n);
    expect(book.resolve("gpt-4o-mini", "openai", new Date(Date.now() + 1000))?.price.prices.input).toBe(300_000n);

    const again = await previewImport(entries, { replace: false });
    expect(again.changed).toEqual([]);
    expect(again.unchanged).toBe(2);
  });
});
