import { describe, expect, it } from "vitest";
import type { CatalogRow } from "./catalog-row";
import { diffCatalog } from "./diff-catalog";
import { guardAmbiguity } from "./guard-ambiguity";

const row = (provider: string, model: string, aliases: string[] = []): CatalogRow => ({
  id: `${provider}/${model}`,
  provider,
  model,
  displayName: null,
  aliases,
  prices: { input: "1", output: "2" },
  longContext: null,
  serviceTiers: {},
  timeOfDay: null,
  free: false,
  sourceUrl: null,
  checkedAt: null,
  sources: null,
  effectiveFrom: new Date("2020-01-01T00:00:00Z"),
  effectiveTo: null,
});
const entry = (provider: string, model: string) =>
  ({ provider, model, aliases: [], free: false, prices: { input: "3", output: "4" } }) as never;

describe("an import never makes a priced name unpriced", () => {
  const rows = [row("acme", "m-1", ["m-1-latest"])];

  it("refuses a new model whose name would make a name events use ambiguous", () => {
    const diff = diffCatalog([entry("beta", "m-1"), entry("beta", "m-2")], rows, { replace: false });
    expect(diff.added.map((a) => a.model)).toEqual(["m-1", "m-2"]);
    guardAmbiguity(diff, rows, [{ model: "m-1", provider: "some-gateway" }]);
    expect(diff.added.map((a) => `${a.provider}/${a.model}`)).toEqual(["beta/m-2"]);
    expect(diff.invalid).toEqual([
      { provider: "beta", model: "m-1", message: expect.stringContaining('would make "m-1" ambiguous') },
    ]);
  });

  it("keeps a new model that only makes a name more specific", () => {
    const diff = diffCatalog([entry("acme", "m-1-2024-01-01")], rows, { replace: false });
    guardAmbiguity(diff, rows, [{ model: "m-1-2024-01-01", provider: "acme" }]);
    expect(diff.added.map((a) => a.model)).toEqual(["m-1-2024-01-01"]);
  });
});
