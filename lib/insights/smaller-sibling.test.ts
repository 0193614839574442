import { describe, expect, it } from "vitest";
import { smallerSiblings } from "./smaller-sibling";

describe("the smaller model of the same family", () => {
  it.each([
    ["gpt-4o", ["gpt-4o-mini"]],
    ["gpt-4.1", ["gpt-4.1-mini"]],
    ["gpt-5-mini", ["gpt-5-nano"]],
    ["claude-opus-4-5", ["claude-sonnet-4-5"]],
    ["claude-sonnet-4-5", ["claude-haiku-4-5"]],
    ["gemini-2.5-pro", ["gemini-2.5-flash"]],
    ["gemini-3-pro-preview", ["gemini-3-flash-preview"]],
    ["gemini-2.5-flash", ["gemini-2.5-flash-lite"]],
    ["gpt-4o-mini", ["gpt-4o-nano"]],
    ["o4-mini", []],
    ["claude-haiku-4-5", []],
    ["acme-internal-7b", []],
  ])("%s → %j", (model, expected) => {
    expect(smallerSiblings(model)).toEqual(expected);
  });
});
