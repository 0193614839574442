import { beforeEach, describe, expect, it } from "vitest";
import { type Discount, PriceBook } from "./price-book";
import { priceUsage } from "./price-usage";
import { modelPrice, usage } from "./test-prices";

const d = (s: string) => new Date(s);
const JAN = d("2026-01-01T00:00:00Z");
const FEB = d("2026-02-01T00:00:00Z");
const v1 = modelPrice({ input: 1_000_000n, output: 1_000_000n }, { effectiveFrom: JAN, effectiveTo: FEB });
const v2 = modelPrice({ input: 2_000_000n, output: 2_000_000n }, { effectiveFrom: FEB, effectiveTo: null });
const other = modelPrice({ input: 5n, output: 5n }, { provider: "beta", model: "b1", aliases: ["b1-alias"] });
const discount = (over: Partial<Discount>): Discount => ({
  provider: null,
  model: null,
  percentOff: "10",
  effectiveFrom: JAN,
  effectiveTo: null,
  ...over,
});

describe("PriceBook.resolve", () => {
  // Built inside each test (not at collection), so that mutants of the constructor are active.
  let book: PriceBook;
  beforeEach(() => {
    book = new PriceBook([v1, v2, other]);
  });

  it("picks the version in force at the event's time (from inclusive, to exclusive)", () => {
    expect(book.resolve("m1", "acme", d("2026-01-31T23:59:59.999Z"))?.price).toBe(v1);
    expect(book.resolve("m1", "acme", FEB)?.price).toBe(v2);
    expect(book.resolve("m1", "acme", JAN)?.price).toBe(v1);
    expect(book.resolve("m1", "acme", d("2025-12-31T23:59:59.999Z"))).toBeNull();
  });

  it("names the catalog entry and finds aliases", () => {
    expect(book.resolve("b1-alias", undefined, FEB)).toMatchObject({ provider: "beta", model: "b1", percentOff: null });
    expect(book.resolve("nope", undefined, FEB)).toBeNull();
  });

  it("an organisation's custom price wins over the catalog for the same model", () => {
    const mine = modelPrice({ input: 7n, output: 7n }, { effectiveFrom: JAN });
    const withCustom = new PriceBook([v1, v2], [mine]);
    expect(withCustom.resolve("m1", "acme", FEB)?.price).toBe(mine);
    const ended = modelPrice({ input: 7n, output: 7n }, { effectiveFrom: JAN, effectiveTo: FEB });
    expect(new PriceBook([v1, v2], [ended]).resolve("m1", "acme", FEB)?.price).toBe(v2);
  });

  it("a custom price alone makes a model priced, only while in force", () => {
    const house = modelPrice(
      { input: 1n, output: 1n },
      { provider: "self-hosted", model: "house", effectiveFrom: FEB },
    );
    const book = new PriceBook([v2], [house]);
    expect(book.resolve("house", "self-hosted", FEB)?.price).toBe(house);
    expect(book.resolve("house", "self-hosted", JAN)).toBeNull();
  });

  it("the same model name under two providers resolves per provider, however often asked", () => {
    const a = modelPrice({ input: 1n, output: 1n }, { provider: "acme", model: "shared" });
    const b = modelPrice({ input: 2n, output: 2n }, { provider: "beta", model: "shared" });
    const book = new PriceBook([a, b]);
    for (let i = 0; i < 2; i++) {
      expect(book.resolve("shared", "acme", FEB)?.price).toBe(a);
      expect(book.resolve("shared", "beta", FEB)?.price).toBe(b);
    }
  });

  it("the most specific discount in force wins: model, then provider, then all", () => {
    const all = discount({ percentOff: "1" });
    const byProvider = discount({ provider: "acme", percentOff: "2" });
    const byModel = discount({ model: "m1", percentOff: "3" });
    const otherModel = discount({ model: "zz", percentOff: "9" });
    const otherProvider = discount({ provider: "beta", percentOff: "8" });
    const at = FEB;
    const pct = (ds: Discount[]) => new PriceBook([v2, other], [], ds).resolve("m1", "acme", at)?.percentOff;
    expect(pct([all, byProvider, byModel, otherModel, otherProvider])).toBe("3");
    expect(pct([all, byProvider, otherModel, otherProvider])).toBe("2");
    expect(pct([all, otherModel, otherProvider])).toBe("1");
    // A discount for another model of the same provider is not a provider-wide one.
    expect(pct([all, discount({ model: "zz", provider: "acme", percentOff: "7" })])).toBe("1");
    expect(pct([otherModel, otherProvider])).toBeNull();
    expect(pct([discount({ model: "m1", provider: "beta", percentOff: "4" })])).toBeNull();
    expect(pct([discount({ model: "m1", provider: "acme", percentOff: "4" })])).toBe("4");
  });

  it("a discount counts only while in force", () => {
    const pct = (ds: Discount[], at: Date) => new PriceBook([v1, v2], [], ds).resolve("m1", "acme", at)?.percentOff;
    const janOnly = discount({ effectiveFrom: JAN, effectiveTo: FEB, percentOff: "5" });
    expect(pct([janOnly], JAN)).toBe("5");
    expect(pct([janOnly], FEB)).toBeNull();
    expect(pct([discount({ effectiveFrom: FEB, percentOff: "6" })], d("2026-01-31T23:59:59Z"))).toBeNull();
  });
});

describe("priceUsage", () => {
  let book: PriceBook;
  beforeEach(() => {
    book = new PriceBook([v2], [], [discount({ percentOff: "50" })]);
  });

  it("prices with the version in force, then applies the discount (half to even)", () => {
    // 3 input tokens × 2e6 = 6e6 pico, 50% off = 3e6
    expect(priceUsage(book, "m1", "acme", FEB, usage({ inputTokens: 3 }), 0)).toEqual({
      cost: 3_000_000n,
      pricedModel: "acme/m1",
    });
  });

  it("passes audio milliseconds through", () => {
    const audio = new PriceBook([modelPrice({ input: 0n, output: 0n, perAudioSecond: 1000n })]);
    expect(priceUsage(audio, "m1", "acme", FEB, usage(), 2500).cost).toBe(2500n);
  });

  it("an unknown model is unpriced", () => {
    expect(priceUsage(book, "mystery", "acme", FEB, usage({ inputTokens: 3 }), 0)).toEqual({
      cost: null,
      pricedModel: null,
    });
  });
});
