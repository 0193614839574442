import { describe, expect, it } from "vitest";
import { buildChargeback, type UsageRow } from "./build-chargeback";
import { priceAtList, priceListsSchema } from "./price-list";

const USD = 1_000_000_000_000n;
const row = (party: string, more: Partial<UsageRow>): UsageRow => ({
  party,
  feature: "chat",
  provider: "openai",
  model: "gpt-4o",
  requests: 1n,
  inputTokens: 0n,
  outputTokens: 0n,
  cachedInputTokens: 0n,
  cacheWriteTokens: 0n,
  reasoningTokens: 0n,
  costPico: 0n,
  ...more,
});

// acme: 1,234,567 input, 89,012 output, 10,000 cached, 3 reasoning tokens of gpt-4o costing $4,
// and $1 of claude (not on its list). globex: $2 of gpt-4o, no price list. Shared: $1 and 1 pico.
const rows = [
  row("acme", {
    inputTokens: 1_234_567n,
    outputTokens: 89_012n,
    cachedInputTokens: 10_000n,
    reasoningTokens: 3n,
    costPico: 4n * USD,
  }),
  row("acme", { provider: "anthropic", model: "claude-sonnet-4", inputTokens: 1000n, costPico: USD }),
  row("globex", { inputTokens: 500n, costPico: 2n * USD }),
  row("", { costPico: USD + 1n }),
];
// No reasoning price: the output price. No cache-write price: the input price.
const priceLists = priceListsSchema.parse({
  acme: { "openai/gpt-4o": { input: "3.125", output: "12.5", cachedInput: "1.5" } },
});

describe("price lists", () => {
  it("prices a line exactly from USD per 1M tokens (worked by hand)", () => {
    // 1,234,567 x 3,125,000 = 3,858,021,875,000; 89,012 x 12,500,000 = 1,112,650,000,000;
    // 10,000 x 1,500,000 = 15,000,000,000; 3 x 12,500,000 (reasoning at output) = 37,500,000
    expect(priceAtList(priceLists.acme, rows[0]!)).toBe(4_985_709_375_000n);
    expect(priceAtList(priceLists.acme, { ...rows[0]!, cachedInputTokens: 0n, cacheWriteTokens: 2n })).toBe(
      4_985_709_375_000n - 15_000_000_000n + 2n * 3_125_000n,
    );
    expect(priceAtList(priceLists.acme, rows[1]!)).toBeNull();
    expect(priceAtList(undefined, rows[0]!)).toBeNull();
  });

  it("bills the listed model at the list, others at cost, then the percent on top (half-even), hand-worked", () => {
    const c = buildChargeback({ rows, fixedCosts: [], rule: { method: "even" }, markups: { acme: "50" }, priceLists });
    const acme = c.parties.find((p) => p.party === "acme")!;
    const globex = c.parties.find((p) => p.party === "globex")!;
    // Shared $1 + 1 pico split evenly: 500,000,000,000.5 each, the odd pico to "acme" (tie, first key).
    // acme before markup: gpt-4o at its list 4,985,709,375,000 + claude at cost 1,000,000,000,000
    // + allocated 500,000,000,001 = 6,485,709,375,001; 50% = 3,242,854,687,500.5 -> half-even ...500.
    // markup = price-list uplift (4,985,709,375,000 - 4,000,000,000,000 = 985,709,375,000) + 3,242,854,687,500.
    expect(acme).toMatchObject({
      directPico: 5n * USD,
      allocatedPico: 500_000_000_001n,
      markupPico: 4_228_564_062_500n,
      totalPico: 9_728_564_062_501n,
    });
    expect(acme.lines.filter((l) => l.kind !== "usage" && l.kind !== "allocated")).toEqual([
      {
        kind: "price_list",
        description: "Price list: 1 usage line billed at acme's price list instead of cost",
        costPico: 985_709_375_000n,
      },
      { kind: "markup", percent: "50", costPico: 3_242_854_687_500n },
    ]);
    const usage = acme.lines.filter((l) => l.kind === "usage");
    expect(usage.map((l) => [l.model, l.costPico, l.billedPico])).toEqual([
      ["claude-sonnet-4", USD, undefined],
      ["gpt-4o", 4n * USD, 4_985_709_375_000n],
    ]);
    expect(globex).toMatchObject({ directPico: 2n * USD, allocatedPico: 500_000_000_000n, markupPico: 0n });
    expect(globex.lines.some((l) => l.kind === "price_list" || (l.kind === "usage" && l.billedPico))).toBe(false);
  });

  it("never moves shared costs: proportional weights stay the cost; a list below cost is a negative markup", () => {
    const cheap = priceListsSchema.parse({ acme: { "openai/gpt-4o": { input: "0", output: "0" } } });
    const base = buildChargeback({ rows, fixedCosts: [], rule: { method: "proportional" }, markups: {} });
    const listed = buildChargeback({
      rows,
      fixedCosts: [],
      rule: { method: "proportional" },
      markups: {},
      priceLists: cheap,
    });
    expect(listed.parties.map((p) => p.allocatedPico)).toEqual(base.parties.map((p) => p.allocatedPico));
    const acme = listed.parties.find((p) => p.party === "acme")!;
    expect(acme.markupPico).toBe(-4n * USD);
    expect(acme.totalPico).toBe(USD + acme.allocatedPico);
  });

  it("refuses prices with more than 6 decimals and keys that are not provider/model", () => {
    expect(priceListsSchema.safeParse({ a: { "openai/gpt-4o": { input: "1.0000001", output: "1" } } }).success).toBe(
      false,
    );
    expect(priceListsSchema.safeParse({ a: { "gpt-4o": { input: "1", output: "1" } } }).success).toBe(false);
    expect(priceListsSchema.safeParse({ a: { "openai/gpt-4o": { input: "-1", output: "1" } } }).success).toBe(false);
  });
});
