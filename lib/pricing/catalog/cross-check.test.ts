import { describe, expect, it } from "vitest";
import { loadShippedCatalog } from "./load-shipped-catalog";

// docs/price-cross-check.md: every shipped entry says when and against what it was cross-checked.
describe("the shipped catalog's cross-check", () => {
  const models = loadShippedCatalog().models;
  it.each(models.map((m) => [`${m.provider}/${m.model}`, m.sources]))("%s notes its cross-check", (_key, sources) => {
    expect(sources).toMatch(/^Cross-checked \d{4}-\d{2}-\d{2}/);
  });
  it("says so in the entry where sources disagree and no provider statement settled it", () => {
    const disagree = models.filter((m) => /Disagree|disagreement/.test(m.sources ?? ""));
    expect(disagree.map((m) => m.model).sort()).toEqual([
      "deepseek-flash",
      "deepseek-v4-pro",
      "ministral-3b",
      "ministral-8b",
      "mistral-medium-3.5",
    ]);
    for (const m of disagree) expect(m.sources).toMatch(/unresolved|not re-verified/);
  });
});
