import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AllocationRule } from "./allocation-rule";
import { buildChargeback, type UsageRow } from "./build-chargeback";

const USD = 1_000_000_000_000n;
function row(party: string, costUsd: bigint, more: Partial<UsageRow> = {}): UsageRow {
  return {
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
    costPico: costUsd * USD,
    ...more,
  };
}
const byParty = (c: ReturnType<typeof buildChargeback>) =>
  Object.fromEntries(c.parties.map((p) => [p.party, [p.directPico, p.allocatedPico, p.markupPico, p.totalPico]]));

describe("buildChargeback", () => {
  // search spends $30, growth $10; $20 unattributed and a $100 platform fee are shared.
  const rows = [row("search", 30n), row("growth", 10n), row("", 20n)];
  const fixed = [{ id: "f1", name: "Platform fee", amountPico: 100n * USD }];

  it("proportional to direct spend: 3/4 and 1/4 of $120", () => {
    const c = buildChargeback({ rows, fixedCosts: fixed, rule: { method: "proportional" }, markups: {} });
    expect(byParty(c)).toEqual({
      growth: [10n * USD, 30n * USD, 0n, 40n * USD],
      search: [30n * USD, 90n * USD, 0n, 120n * USD],
    });
    expect(c.shared).toEqual({ usagePico: 20n * USD, fixedPico: 100n * USD, unallocatedPico: 0n });
  });

  it("evenly, with fixed percentages, and with a markup", () => {
    const even = buildChargeback({ rows, fixedCosts: fixed, rule: { method: "even" }, markups: { search: "10" } });
    // search: direct 30 + allocated 60 = 90, +10% = 9 -> 99; growth: 10 + 60 = 70
    expect(byParty(even)).toEqual({
      growth: [10n * USD, 60n * USD, 0n, 70n * USD],
      search: [30n * USD, 60n * USD, 9n * USD, 99n * USD],
    });
    const pct = buildChargeback({
      rows,
      fixedCosts: fixed,
      rule: { method: "fixed", percents: { search: "25", growth: "25", legal: "50" } },
      markups: {},
    });
    // legal has no usage but a fixed 50% share of $120
    expect(byParty(pct)).toEqual({
      growth: [10n * USD, 30n * USD, 0n, 40n * USD],
      legal: [0n, 60n * USD, 0n, 60n * USD],
      search: [30n * USD, 30n * USD, 0n, 60n * USD],
    });
  });

  it("by requests and by tokens", () => {
    const r = [
      row("a", 1n, { requests: 1n, inputTokens: 900n }),
      row("b", 1n, { requests: 3n, outputTokens: 100n }),
      row("", 8n),
    ];
    const byReq = buildChargeback({ rows: r, fixedCosts: [], rule: { method: "requests" }, markups: {} });
    expect(byParty(byReq)).toEqual({ a: [USD, 2n * USD, 0n, 3n * USD], b: [USD, 6n * USD, 0n, 7n * USD] });
    const byTok = buildChargeback({ rows: r, fixedCosts: [], rule: { method: "tokens" }, markups: {} });
    // 900:100 of $8 -> 7.2 and 0.8
    expect(byParty(byTok)).toEqual({
      a: [USD, 7_200_000_000_000n, 0n, 8_200_000_000_000n],
      b: [USD, 800_000_000_000n, 0n, 1_800_000_000_000n],
    });
  });

  it("one pico-dollar shared by three: the remainder goes to the first key on a tie", () => {
    const c = buildChargeback({
      rows: [row("c", 0n), row("a", 0n), row("b", 0n), { ...row("", 0n), costPico: 1n }],
      fixedCosts: [],
      rule: { method: "even" },
      markups: {},
    });
    expect(c.parties.map((p) => [p.party, p.allocatedPico])).toEqual([
      ["a", 1n],
      ["b", 0n],
      ["c", 0n],
    ]);
    // A zero share is no line: b and c show only their usage.
    expect(c.parties.map((p) => p.lines.map((l) => l.kind))).toEqual([["usage", "allocated"], ["usage"], ["usage"]]);
  });

  it("keeps shared cost unallocated (reported) when no party exists, and adds adjustments", () => {
    const c = buildChargeback({
      rows: [row("", 5n)],
      fixedCosts: [],
      rule: { method: "even" },
      markups: {},
      adjustments: new Map([["search", [{ sourcePeriod: "2026-10", amountPico: 3n }]]]),
    });
    expect(c.shared.unallocatedPico).toBe(5n * USD);
    expect(c.parties).toHaveLength(1);
    expect(c.parties[0]).toMatchObject({ party: "search", adjustmentPico: 3n, totalPico: 3n });
    expect(c.parties[0]!.lines[0]).toMatchObject({ kind: "adjustment", sourcePeriod: "2026-10" });
  });

  it("a statement's lines: usage by feature, provider, model; a line per shared source; the markup; non-zero adjustments", () => {
    const u = (party: string, feature: string, provider: string, model: string, usd: bigint) =>
      row(party, usd, { feature, provider, model });
    const c = buildChargeback({
      rows: [
        // In an order a comparator that stops at equal features (or calls a later feature equal) gets wrong.
        u("search", "agent", "openai", "o3", 4n),
        u("search", "chat", "openai", "gpt-4o", 2n),
        u("search", "chat", "openai", "gpt-4o-mini", 1n),
        u("search", "chat", "anthropic", "claude", 3n),
        u("growth", "chat", "openai", "gpt-4o", 10n),
        u("", "chat", "openai", "gpt-4o", 20n),
      ],
      fixedCosts: [
        { id: "f1", name: "Platform fee", amountPico: 30n * USD },
        { id: "f0", name: "Nothing this month", amountPico: 0n },
      ],
      rule: { method: "even" },
      markups: { search: "10" },
      adjustments: new Map([
        [
          "search",
          [
            { sourcePeriod: "2026-10", amountPico: -2n * USD },
            { sourcePeriod: "2026-09", amountPico: 0n },
          ],
        ],
        ["legal", [{ sourcePeriod: "2026-10", amountPico: 0n }]], // nothing to show: no statement
      ]),
    });
    const line = (l: (typeof c.parties)[number]["lines"][number]) => {
      switch (l.kind) {
        case "usage":
          return [l.kind, `${l.feature}/${l.provider}/${l.model}`, l.costPico];
        case "allocated":
          return [l.kind, l.source, l.description, l.costPico];
        case "markup":
          return [l.kind, l.percent, l.costPico];
        case "adjustment":
          return [l.kind, l.sourcePeriod, l.description, l.costPico];
      }
    };
    // Even: $20 shared usage -> 10 + 10, the $30 fee -> 15 + 15; search's markup 10% of 10 + 25 = 3.5.
    expect(c.parties.map((p) => [p.party, p.lines.map(line)])).toEqual([
      [
        "growth",
        [
          ["usage", "chat/openai/gpt-4o", 10n * USD],
          ["allocated", "shared-usage", "Shared usage (unattributed)", 10n * USD],
          ["allocated", "fixed:f1", "Fixed cost: Platform fee", 15n * USD],
        ],
      ],
      [
        "search",
        [
          ["usage", "agent/openai/o3", 4n * USD],
          ["usage", "chat/anthropic/claude", 3n * USD],
          ["usage", "chat/openai/gpt-4o", 2n * USD],
          ["usage", "chat/openai/gpt-4o-mini", 1n * USD],
          ["allocated", "shared-usage", "Shared usage (unattributed)", 10n * USD],
          ["allocated", "fixed:f1", "Fixed cost: Platform fee", 15n * USD],
          ["markup", "10", 3_500_000_000_000n],
          ["adjustment", "2026-10", "Adjustment for 2026-10 (usage recorded after it closed)", -2n * USD],
        ],
      ],
    ]);
    expect(byParty(c)).toEqual({
      growth: [10n * USD, 25n * USD, 0n, 35n * USD],
      search: [10n * USD, 25n * USD, 3_500_000_000_000n, 36_500_000_000_000n],
    });
    expect(c.parties.find((p) => p.party === "search")?.adjustmentPico).toBe(-2n * USD);
    expect(c.parties[0]?.lines[0]).not.toHaveProperty("party");
  });

  it("percents left in a rule count only for method fixed; a party with negative direct spend weighs zero", () => {
    const even = buildChargeback({
      rows: [row("search", 1n), row("growth", 1n), row("", 2n)],
      fixedCosts: [],
      rule: { method: "even", percents: { legal: "100" } },
      markups: {},
    });
    expect(byParty(even)).toEqual({ growth: [USD, USD, 0n, 2n * USD], search: [USD, USD, 0n, 2n * USD] });
    // growth's refunds exceed its spend (-$1): proportional weights 3 : 0, so search takes all $6.
    const proportional = buildChargeback({
      rows: [row("search", 3n), { ...row("growth", 0n), costPico: -USD }, row("", 6n)],
      fixedCosts: [],
      rule: { method: "proportional" },
      markups: {},
    });
    expect(byParty(proportional)).toEqual({ growth: [-USD, 0n, 0n, -USD], search: [3n * USD, 6n * USD, 0n, 9n * USD] });
  });

  const rules: fc.Arbitrary<AllocationRule> = fc.constantFrom(
    { method: "even" },
    { method: "proportional" },
    { method: "requests" },
    { method: "tokens" },
    { method: "fixed", percents: { p0: "33.333333", p1: "33.333333", p2: "33.333334" } },
  );
  const usage = fc.array(
    fc.record({
      party: fc.constantFrom("", "p0", "p1", "p2", "p3"),
      cost: fc.bigInt({ min: 0n, max: 10n ** 15n }),
      requests: fc.bigInt({ min: 0n, max: 1000n }),
      tokens: fc.bigInt({ min: 0n, max: 10n ** 9n }),
    }),
    { maxLength: 25 },
  );

  it("property: allocated shares add up exactly to the shared usage and fixed costs", () => {
    fc.assert(
      fc.property(
        usage,
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 16n }), { maxLength: 4 }),
        rules,
        (u, fixedAmounts, rule) => {
          const rows = u.map((x) =>
            row(x.party, 0n, { costPico: x.cost, requests: x.requests, inputTokens: x.tokens }),
          );
          const fixedCosts = fixedAmounts.map((amountPico, i) => ({ id: `f${i}`, name: `f${i}`, amountPico }));
          const c = buildChargeback({ rows, fixedCosts, rule, markups: {} });
          const shared =
            u.filter((x) => x.party === "").reduce((s, x) => s + x.cost, 0n) + fixedAmounts.reduce((s, v) => s + v, 0n);
          const allocated = c.parties.reduce((s, p) => s + p.allocatedPico, 0n);
          expect(allocated + c.shared.unallocatedPico).toBe(shared);
          const direct = u.filter((x) => x.party !== "").reduce((s, x) => s + x.cost, 0n);
          expect(c.parties.reduce((s, p) => s + p.totalPico, 0n) + c.shared.unallocatedPico).toBe(direct + shared);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("property: price lists and markups never move shared costs; every statement adds up", () => {
    const price = fc.integer({ min: 0, max: 50_000_000 }).map((n) => `${n / 1_000_000}`);
    fc.assert(
      fc.property(
        usage,
        rules,
        fc.dictionary(fc.constantFrom("p0", "p1", "p2"), fc.record({ input: price, output: price })),
        fc.dictionary(
          fc.constantFrom("p0", "p1", "p3"),
          fc.integer({ min: 0, max: 100_000_000 }).map((n) => `${n / 1_000_000}`),
        ),
        (u, rule, lists, markups) => {
          const rows = u.map((x) =>
            row(x.party, 0n, {
              costPico: x.cost,
              requests: x.requests,
              inputTokens: x.tokens,
              outputTokens: x.requests,
            }),
          );
          const priceLists = Object.fromEntries(Object.entries(lists).map(([p, v]) => [p, { "openai/gpt-4o": v }]));
          const plain = buildChargeback({ rows, fixedCosts: [], rule, markups: {} });
          const c = buildChargeback({ rows, fixedCosts: [], rule, markups, priceLists });
          expect(c.parties.map((p) => [p.party, p.directPico, p.allocatedPico])).toEqual(
            plain.parties.map((p) => [p.party, p.directPico, p.allocatedPico]),
          );
          for (const p of c.parties) {
            expect(p.totalPico).toBe(p.directPico + p.allocatedPico + p.markupPico + p.adjustmentPico);
            const parts = p.lines.filter((l) => l.kind === "price_list" || l.kind === "markup");
            expect(parts.reduce((s, l) => s + l.costPico, 0n)).toBe(p.markupPico);
            // Billed before the percent: each usage line at its list (or cost), plus allocated.
            const billed =
              p.lines.reduce((s, l) => (l.kind === "usage" ? s + (l.billedPico ?? l.costPico) : s), 0n) +
              p.allocatedPico;
            const pct = p.lines.find((l) => l.kind === "markup")?.costPico ?? 0n;
            expect(p.totalPico).toBe(billed + pct);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
