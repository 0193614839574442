import { describe, expect, it } from "vitest";
import { fromPriceLines, toPriceLines } from "./price-list-lines";

describe("price list lines of the rules editor", () => {
  it("reads lines into price lists and writes them back", () => {
    const text =
      "acme | openai/gpt-4o | input=3 output=12 cachedInput=1.5\nacme | x/y | input=1 output=2\n\nglobex co | a/b/c | input=0.5 output=0";
    const { lists, errors } = fromPriceLines(text);
    expect(errors).toEqual([]);
    expect(lists).toEqual({
      acme: { "openai/gpt-4o": { input: "3", output: "12", cachedInput: "1.5" }, "x/y": { input: "1", output: "2" } },
      "globex co": { "a/b/c": { input: "0.5", output: "0" } },
    });
    expect(fromPriceLines(toPriceLines(lists)).lists).toEqual(lists);
  });

  it("names the line it cannot read", () => {
    expect(fromPriceLines("acme openai/gpt-4o 3 12").errors).toEqual([
      'price list line 1: write "party | provider/model | input=3 output=12"',
    ]);
    expect(fromPriceLines("a | b/c | input=1\na | b/c | inptu=1").errors[0]).toMatch(/^price list line 2: "inptu=1"/);
  });
});
