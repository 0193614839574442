import { describe, expect, it } from "vitest";
import type { PriceParts } from "./catalog-row";
import { sanityChecks } from "./sanity-checks";

const parts = (prices: Record<string, string>, longContext: object | null = null): PriceParts => ({
  prices,
  longContext,
  serviceTiers: {},
  timeOfDay: null,
});
const check = (before: PriceParts | null, after: PriceParts, mode?: string, model = "m-1") =>
  sanityChecks([{ provider: "p", model, before, after, ...(mode ? { mode } : {}) }]).map((i) => [i.check, i.field]);

describe("sanity checks", () => {
  it("flags a price that changes by more than 5x either way, and not 5x exactly (exact decimals)", () => {
    const was = parts({ input: "1.00", output: "40" });
    expect(check(was, parts({ input: "5", output: "40" }))).toEqual([]);
    expect(check(was, parts({ input: "5.000001", output: "40" }))).toEqual([["ratio", "input"]]);
    expect(check(was, parts({ input: "0.2", output: "40" }))).toEqual([]);
    expect(check(was, parts({ input: "0.199999", output: "40" }))).toEqual([["ratio", "input"]]);
  });

  it("flags a non-zero price that becomes zero, in the long-context tier too", () => {
    const was = parts({ input: "1", output: "4" }, { thresholdTokens: 200_000, input: "2", output: "8" });
    const now = parts({ input: "1", output: "0" }, { thresholdTokens: 200_000, input: "20", output: "8" });
    expect(check(was, now)).toEqual([
      ["zeroed", "output"],
      ["ratio", "longContext.input"],
    ]);
  });

  it("flags output cheaper than input for a chat model, never for an embedding", () => {
    expect(check(null, parts({ input: "2", output: "1" }), "chat")).toEqual([["output_below_input", "output"]]);
    expect(check(null, parts({ input: "2", output: "1" }))).toEqual([["output_below_input", "output"]]);
    expect(check(null, parts({ input: "2", output: "0" }), "embedding")).toEqual([]);
    expect(check(null, parts({ input: "0.02" }), undefined, "text-embedding-3-small")).toEqual([]);
    expect(check(null, parts({ input: "0.12", output: "0.01" }), undefined, "embed-v4.0")).toEqual([]);
  });

  it("flags cache reads dearer than input", () => {
    expect(check(null, parts({ input: "1", output: "4", cachedInput: "1.000001" }))).toEqual([
      ["cache_above_input", "cachedInput"],
    ]);
    expect(check(null, parts({ input: "1", output: "4", cachedInput: "1" }))).toEqual([]);
  });
});
