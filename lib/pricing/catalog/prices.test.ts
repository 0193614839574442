import { describe, it, expect } from "vitest";
import catalog from "./prices.json";
import { catalogFileSchema } from "../catalog-schema";

type Prices = Record<string, string>;
interface Entry {
  provider: string;
  model: string;
  displayName: string;
  aliases: string[];
  prices: Prices;
  longContext?: Record<string, string | number>;
  serviceTiers?: Record<string, Record<string, string>>;
  free: boolean;
  sourceUrl: string;
  checkedAt: string;
}

const models = catalog.models as unknown as Entry[];
const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PRICE_KEYS = [
  "input",
  "output",
  "cachedInput",
  "cacheWrite5m",
  "cacheWrite1h",
  "reasoning",
  "perRequest",
  "perImage",
  "perAudioSecond",
];
const FAMILIES = ["openai", "anthropic", "google", "mistral", "xai", "deepseek", "cohere"];
const LLAMA_HOSTS = ["groq", "together"];
const KNOWN_PROVIDERS = [...FAMILIES, ...LLAMA_HOSTS];

/**
 * Entries allowed to bill output tokens below input tokens, with the reason.
 * Empty today: every priced chat model in the catalog charges output >= input.
 * (Embedding models have no output price at all and are not exceptions.)
 */
const OUTPUT_BELOW_INPUT: Record<string, string> = {};

const id = (e: Entry) => `${e.provider}/${e.model}`;
const num = (s: string) => Number(s);
const isEmbedding = (e: Entry) => /embed/i.test(e.model);

describe("price catalog", () => {
  it("has the top-level shape", () => {
    expect(catalog.currency).toBe("USD");
    expect(catalog.catalogVersion).toMatch(DATE);
    expect(typeof catalog.unit).toBe("string");
  });

  it("satisfies the catalog schema the app loads it with", () => {
    const parsed = catalogFileSchema.safeParse(catalog);
    expect(parsed.success ? "ok" : parsed.error.issues.slice(0, 5)).toBe("ok");
  });

  it("has at least 65 models and every provider family", () => {
    expect(models.length).toBeGreaterThanOrEqual(65);
    const providers = new Set(models.map((e) => e.provider));
    for (const family of FAMILIES) expect(providers, family).toContain(family);
    expect(
      LLAMA_HOSTS.some((h) => providers.has(h)),
      "a Llama host",
    ).toBe(true);
    for (const p of providers) expect(KNOWN_PROVIDERS, p).toContain(p);
  });

  it.each(models.map((e) => [id(e), e] as const))("%s has valid fields and prices", (_, e) => {
    expect(e.model.trim()).toBe(e.model);
    expect(e.model.length).toBeGreaterThan(0);
    expect(e.displayName.length).toBeGreaterThan(0);
    expect(Array.isArray(e.aliases)).toBe(true);
    expect(typeof e.free).toBe("boolean");
    expect(e.sourceUrl).toMatch(/^https:\/\/[^\s/]+\.[^\s]+$/);
    expect(e.checkedAt).toMatch(DATE);
    expect(e.checkedAt <= catalog.catalogVersion).toBe(true);

    // every price is a decimal string under a known key; input always present
    for (const [key, value] of Object.entries(e.prices)) {
      expect(PRICE_KEYS, `${key} is a known price key`).toContain(key);
      expect(value, key).toMatch(DECIMAL);
      if (!e.free) expect(num(value), `${key} is not zero`).toBeGreaterThan(0);
    }
    expect(e.prices.input).toBeDefined();
    if (!isEmbedding(e)) expect(e.prices.output, "chat models price output").toBeDefined();

    const { input, output, cachedInput, cacheWrite5m, cacheWrite1h } = e.prices;
    if (output !== undefined && !(id(e) in OUTPUT_BELOW_INPUT)) {
      expect(num(output)).toBeGreaterThanOrEqual(num(input));
    }
    if (cachedInput !== undefined) expect(num(cachedInput)).toBeLessThan(num(input));
    if (cacheWrite5m !== undefined) expect(num(cacheWrite5m)).toBeGreaterThanOrEqual(num(input));
    if (cacheWrite1h !== undefined && cacheWrite5m !== undefined) {
      expect(num(cacheWrite1h)).toBeGreaterThanOrEqual(num(cacheWrite5m));
    }
  });

  it.each(models.filter((e) => e.longContext).map((e) => [id(e), e] as const))(
    "%s has a sane long-context tier",
    (_, e) => {
      const lc = e.longContext!;
      expect(Number.isInteger(lc.thresholdTokens)).toBe(true);
      expect(lc.thresholdTokens as number).toBeGreaterThan(0);
      for (const [key, value] of Object.entries(lc)) {
        if (key === "thresholdTokens") continue;
        expect(PRICE_KEYS).toContain(key);
        expect(value as string).toMatch(DECIMAL);
        // a long-context tier never costs less than the base tier
        expect(num(value as string)).toBeGreaterThanOrEqual(num(e.prices[key] ?? "0"));
      }
      expect(lc.input).toBeDefined();
    },
  );

  it.each(models.filter((e) => e.serviceTiers).map((e) => [id(e), e] as const))(
    "%s has well-formed service tiers",
    (_, e) => {
      for (const [tier, spec] of Object.entries(e.serviceTiers!)) {
        const keys = Object.keys(spec);
        expect(keys.length, tier).toBeGreaterThan(0);
        if ("multiplier" in spec) {
          expect(keys, `${tier}: multiplier or own prices, not both`).toEqual(["multiplier"]);
          expect(spec.multiplier).toMatch(DECIMAL);
          expect(num(spec.multiplier)).toBeGreaterThan(0);
        } else {
          for (const [key, value] of Object.entries(spec)) {
            expect(PRICE_KEYS).toContain(key);
            expect(value).toMatch(DECIMAL);
          }
          expect(spec.input, `${tier} prices input`).toBeDefined();
        }
      }
      if (e.serviceTiers!.batch) expect(e.serviceTiers!.batch).toEqual({ multiplier: "0.5" });
    },
  );

  it("has no duplicate provider+model", () => {
    const seen = new Set<string>();
    for (const e of models) {
      expect(seen.has(id(e)), id(e)).toBe(false);
      seen.add(id(e));
    }
  });

  it("has no name (model or alias) claimed by two entries", () => {
    const owner = new Map<string, string>();
    for (const e of models) {
      for (const name of new Set([e.model, ...e.aliases].map((n) => n.toLowerCase()))) {
        expect(owner.get(name), `${name} is claimed by ${owner.get(name)} and ${id(e)}`).toBeUndefined();
        owner.set(name, id(e));
      }
      expect(new Set(e.aliases).size, `${id(e)} repeats an alias`).toBe(e.aliases.length);
    }
  });
});
