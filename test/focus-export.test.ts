import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computePeriod } from "@/lib/chargeback/compute-period";
import { focusExportStream } from "@/lib/exports";
import { installShippedCatalogIfEmpty } from "@/lib/pricing/catalog/install-catalog";
import { querySpend } from "@/lib/rollups/query-spend";
import { spendQuerySchema } from "@/lib/rollups/spend-query";
import { randomUUID } from "node:crypto";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { db } from "@/lib/db";
import { invalidatePriceCache } from "@/lib/pricing/load-price-book";
import { createOverride } from "@/lib/pricing/overrides/create-override";
import { foldDeltas } from "@/lib/rollups/fold-deltas";
import { budgetOrg } from "./support/budget-helpers";
import { newOrg } from "./support/factories";
import { spendAt } from "./support/chargeback-helpers";
import { closeConnections } from "./support/close-connections";

beforeAll(installShippedCatalogIfEmpty);
afterAll(closeConnections);

const MANDATORY = [
  "BilledCost",
  "BillingAccountId",
  "BillingAccountName",
  "BillingCurrency",
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ContractedCost",
  "EffectiveCost",
  "InvoiceIssuerName",
  "ListCost",
  "PricingQuantity",
  "PricingUnit",
  "ProviderName",
  "PublisherName",
  "ServiceCategory",
  "ServiceName",
];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Exact sum of decimal strings, independent of lib/money: scaled to 12 decimals as bigints. */
function sumDecimals(values: string[]): string {
  let total = 0n;
  for (const v of values) {
    const [w, f = ""] = v.split(".");
    total += BigInt(w!) * 10n ** 12n + BigInt(f.padEnd(12, "0"));
  }
  const frac = (total % 10n ** 12n).toString().padStart(12, "0").replace(/0+$/, "");
  return `${total / 10n ** 12n}${frac ? `.${frac}` : ""}`;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

describe("FOCUS 1.2 export", () => {
  it("has every mandatory column in its format, quotes any string, neutralises formulas, and adds up to the spend API", async () => {
    const org = await budgetOrg("focus");
    await spendAt(org.orgId, [
      ["1.000001", "2026-10-01T00:10:00Z", { team: "=cmd|' /C calc'!A0", feature: 'a,"b"\nc' }],
      ["0.333333", "2026-10-01T00:50:00Z", { team: "=cmd|' /C calc'!A0", feature: 'a,"b"\nc' }],
      ["2.5", "2026-10-02T13:00:00Z", { team: "search", customer: "@SUM(A1)", environment: "+prod" }],
      ["0.000007", "2026-10-31T23:59:00Z", { team: "-growth", feature: "plain" }],
      ["9", "2026-11-01T00:00:00Z", { team: "outside" }], // after the range
    ]);
    const from = new Date("2026-10-01T00:00:00Z");
    const to = new Date("2026-11-01T00:00:00Z");
    const csv = await readAll(await focusExportStream(org.orgId, from, to));
    const rows = parse(csv, { columns: true, bom: true, relax_column_count: false }) as Record<string, string>[];
    expect(rows).toHaveLength(3); // two events in one hour bucket are one row
    const header = Object.keys(rows[0]!);
    for (const c of MANDATORY) expect(header, c).toContain(c);
    for (const c of ["ConsumedQuantity", "ConsumedUnit", "SkuId", "SkuPriceId", "Tags", "AllocatedMethodId", "x_Team"])
      expect(header).toContain(c);
    for (const c of header.filter(
      (h) => !MANDATORY.includes(h) && !/^(Consumed|Sku|Tags|Allocated|Charge|Pricing)/.test(h),
    ))
      expect(c, "custom columns are x_-prefixed").toMatch(/^x_/);

    for (const r of rows) {
      for (const c of ["BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd"])
        expect(r[c]).toMatch(ISO_UTC);
      for (const c of [
        "BilledCost",
        "EffectiveCost",
        "ListCost",
        "ContractedCost",
        "PricingQuantity",
        "ConsumedQuantity",
      ])
        expect(r[c]).toMatch(DECIMAL);
      expect(r).toMatchObject({
        BillingAccountId: org.orgId,
        BillingCurrency: "USD",
        BillingPeriodStart: "2026-10-01T00:00:00Z",
        BillingPeriodEnd: "2026-11-01T00:00:00Z",
        ChargeCategory: "Usage",
        ChargeClass: "",
        ServiceCategory: "AI and Machine Learning",
        ConsumedUnit: "Tokens",
        PricingUnit: "1M Tokens",
        SkuId: "self-hosted/house-7b",
        SkuPriceId: "self-hosted/house-7b/standard/input",
        ProviderName: "self-hosted",
      });
    }
    const first = rows.find((r) => r.x_Feature === 'a,"b"\nc')!;
    expect(first).toMatchObject({
      x_Team: "'=cmd|' /C calc'!A0",
      BilledCost: "1.333334",
      ConsumedQuantity: "1333334",
      PricingQuantity: "1.333334",
      ChargePeriodStart: "2026-10-01T00:00:00Z",
      ChargePeriodEnd: "2026-10-01T01:00:00Z",
    });
    expect(JSON.parse(first.Tags!)).toEqual({
      team: "=cmd|' /C calc'!A0",
      feature: 'a,"b"\nc',
      serviceTier: "standard",
    });
    const search = rows.find((r) => r.x_Team === "search")!;
    expect(search).toMatchObject({ x_Customer: "'@SUM(A1)", x_Environment: "'+prod", BilledCost: "2.5" });
    expect(rows.find((r) => r.BilledCost === "0.000007")!.x_Team).toBe("'-growth");
    // No cell of the raw file starts a formula.
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+@]/);

    const billed = sumDecimals(rows.map((r) => r.BilledCost!));
    expect(billed).toBe("3.833341"); // by hand: 1.000001 + 0.333333 + 2.5 + 0.000007
    const spend = await querySpend(org, spendQuerySchema.parse({ from: from.toISOString(), to: to.toISOString() }));
    expect(billed).toBe(spend.total.cost);
  });

  it("exports only the key's organisation, and an empty range is a header", async () => {
    const a = await budgetOrg("focus-a");
    const b = await budgetOrg("focus-b");
    await spendAt(b.orgId, [["1", "2026-10-05T00:00:00Z", { team: "bravo-secret-team" }]]);
    const csv = await readAll(
      await focusExportStream(a.orgId, new Date("2026-10-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z")),
    );
    expect(csv).not.toContain("bravo-secret-team");
    expect(parse(csv, { columns: true })).toEqual([]);
    expect(csv.split("\r\n")[0] ?? csv.split("\n")[0]).toContain("BilledCost");
  });

  it("replaces shared usage with FOCUS 1.3 allocated charges, split as the statements split it, BilledCost still the spend total", async () => {
    // Default settings: teams, proportional to direct spend. alpha $2, beta $1, $0.000001 without a team.
    const org = await budgetOrg("focus-alloc");
    await spendAt(org.orgId, [
      ["2", "2026-10-01T00:10:00Z", { team: "alpha", feature: "chat" }],
      ["1", "2026-10-02T05:00:00Z", { team: "beta" }],
      ["0.000001", "2026-10-03T00:00:00Z", { feature: "batch" }],
      ["5", "2026-11-03T00:00:00Z"], // shared, but in November: outside the range
    ]);
    const from = new Date("2026-10-01T00:00:00Z");
    const to = new Date("2026-11-01T00:00:00Z");
    const rows = parse(await readAll(await focusExportStream(org.orgId, from, to)), { columns: true }) as Record<
      string,
      string
    >[];
    // By hand: 1,000,000 pico shared 2:1. floor(2e6/3) = 666,666 (remainder 2e12 of 3e12), floor(1e6/3) = 333,333
    // (remainder 1e12); the one unit left goes to the largest remainder, alpha: 666,667 and 333,333 pico.
    // Tokens (1 token shared) follow the cost shares: alpha 1, beta 0.
    const direct = rows.filter((r) => r.AllocatedMethodId === "");
    const allocated = rows.filter((r) => r.AllocatedMethodId !== "");
    expect(direct.map((r) => [r.x_Team, r.BilledCost])).toEqual([
      ["alpha", "2"],
      ["beta", "1"],
    ]);
    expect(allocated.map((r) => [r.x_Team, r.BilledCost, r.EffectiveCost, r.ConsumedQuantity])).toEqual([
      ["alpha", "0.000000666667", "0.000000666667", "1"],
      ["beta", "0.000000333333", "0.000000333333", "0"],
    ]);
    for (const r of allocated) {
      expect(r).toMatchObject({
        AllocatedMethodId: "burnrate-chargeback-proportional",
        AllocatedResourceId: `team:${r.x_Team}`,
        AllocatedResourceName: r.x_Team,
        ChargeCategory: "Usage",
        BillingPeriodStart: "2026-10-01T00:00:00Z",
        ChargePeriodStart: "2026-10-01T00:00:00Z",
        ChargePeriodEnd: "2026-11-01T00:00:00Z",
        ProviderName: "self-hosted",
        SkuId: "self-hosted/house-7b",
      });
      expect(JSON.parse(r.AllocatedTags!)).toEqual({ team: r.x_Team });
      const details = JSON.parse(r.AllocatedMethodDetails!);
      expect(details.x_OriginCostPico).toBe("1000000");
      expect(details.Elements[0].AllocatedRatio).toBe(r.x_Team === "alpha" ? 0.666667 : 0.333333);
    }
    // Allocation replaces the origin charge: nothing counted twice, the total is the spend API's.
    const billed = sumDecimals(rows.map((r) => r.BilledCost!));
    expect(billed).toBe("3.000001");
    const spend = await querySpend(org, spendQuerySchema.parse({ from: from.toISOString(), to: to.toISOString() }));
    expect(billed).toBe(spend.total.cost);
    // The statements' own split of the same period.
    const cb = (await computePeriod(org.orgId, "2026-10")).chargeback;
    const statementShares = cb.parties.map((p) => [
      p.party,
      p.lines.find((l) => l.kind === "allocated" && l.source === "shared-usage")?.costPico,
    ]);
    expect(statementShares).toEqual([
      ["alpha", 666_667n],
      ["beta", 333_333n],
    ]);
  });

  it("keeps shared usage as it is when no party can take it", async () => {
    const org = await budgetOrg("focus-noalloc");
    await spendAt(org.orgId, [["0.5", "2026-10-03T00:00:00Z"]]);
    const rows = parse(
      await readAll(
        await focusExportStream(org.orgId, new Date("2026-10-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z")),
      ),
      { columns: true },
    ) as Record<string, string>[];
    expect(rows.map((r) => [r.x_Team, r.BilledCost, r.AllocatedMethodId])).toEqual([["", "0.5", ""]]);
  });

  /** One gpt-4o-mini call (catalog: input $0.15, output $0.60, cached input $0.075 per 1M tokens). */
  async function miniCall(orgId: string) {
    const r = await ingestBatch(
      orgId,
      [
        {
          eventId: randomUUID(),
          timestamp: "2026-10-05T10:20:00Z",
          provider: "openai",
          model: "gpt-4o-mini",
          inputTokens: 1000,
          outputTokens: 500,
          cachedInputTokens: 200,
          team: "search",
        },
      ],
      {},
      { allowBackfill: true },
    );
    expect(r.accepted).toBe(1);
    await foldDeltas(orgId);
  }
  const exportOctober = async (orgId: string) =>
    parse(
      await readAll(await focusExportStream(orgId, new Date("2026-10-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"))),
      { columns: true },
    ) as Record<string, string>[];
  const costs = (rows: Record<string, string>[]) =>
    rows.map((r) => [r.SkuPriceId, r.ConsumedQuantity, r.PricingQuantity, r.ListCost, r.EffectiveCost, r.BilledCost]);

  it("one row per token kind: ListCost at the catalog price, EffectiveCost after the organisation's discount", async () => {
    const org = await newOrg("focus-list");
    await createOverride(org, { kind: "DISCOUNT", percentOff: "30", effectiveFrom: "2026-01-01T00:00:00Z" });
    await miniCall(org.orgId);
    const rows = await exportOctober(org.orgId);
    // By hand, pico per token: input 150,000, output 600,000, cached 75,000.
    // List: 1000 x 150,000 = 150,000,000; 500 x 600,000 = 300,000,000; 200 x 75,000 = 15,000,000.
    // 30% off: 105,000,000, 210,000,000 and 10,500,000 (their sum, 325,500,000, is the event's cost).
    expect(costs(rows)).toEqual([
      ["openai/gpt-4o-mini/standard/input", "1000", "0.001", "0.00015", "0.000105", "0.000105"],
      ["openai/gpt-4o-mini/standard/output", "500", "0.0005", "0.0003", "0.00021", "0.00021"],
      ["openai/gpt-4o-mini/standard/cached-input", "200", "0.0002", "0.000015", "0.0000105", "0.0000105"],
    ]);
    expect(
      rows.map((r) => [r.x_TokenKind, r.x_InputTokens, r.x_OutputTokens, r.x_CachedInputTokens, r.x_Requests]),
    ).toEqual([
      ["input", "1000", "0", "0", "1"],
      ["output", "0", "500", "0", "0"],
      ["cached-input", "0", "0", "200", "0"],
    ]);
    for (const r of rows) expect(r.SkuId).toBe("openai/gpt-4o-mini");
    const spend = await querySpend(
      org,
      spendQuerySchema.parse({ from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z" }),
    );
    expect(sumDecimals(rows.map((r) => r.BilledCost!))).toBe(spend.total.cost);
    expect(spend.total.cost).toBe("0.0003255");
  });

  it("EffectiveCost per kind at the organisation's custom price, not the catalog's proportions", async () => {
    const org = await newOrg("focus-custom");
    await createOverride(org, {
      kind: "CUSTOM_PRICE",
      provider: "openai",
      model: "gpt-4o-mini",
      prices: { input: "1", output: "0" },
      effectiveFrom: "2026-01-01T00:00:00Z",
    });
    await miniCall(org.orgId);
    // At the custom price, pico per token: input 1,000,000, output 0, cached (falls back to input) 1,000,000.
    // 1000 x 1e6 = 1,000,000,000; 500 x 0 = 0; 200 x 1e6 = 200,000,000: each kind's own cost, exactly
    // (split by the catalog's 150:300:15 it was 0.000387096774 / 0.000774193548 / 0.000038709678).
    // ListCost stays the catalog's.
    expect(costs(await exportOctober(org.orgId))).toEqual([
      ["openai/gpt-4o-mini/standard/input", "1000", "0.001", "0.00015", "0.001", "0.001"],
      ["openai/gpt-4o-mini/standard/output", "500", "0.0005", "0.0003", "0", "0"],
      ["openai/gpt-4o-mini/standard/cached-input", "200", "0.0002", "0.000015", "0.0002", "0.0002"],
    ]);
  });

  it("a discounted custom-priced bucket: split by the custom price, the rounding unit to the largest remainder", async () => {
    const org = await newOrg("focus-custom-discount");
    await createOverride(org, {
      kind: "CUSTOM_PRICE",
      provider: "openai",
      model: "gpt-4o-mini",
      prices: { input: "1", output: "3", cachedInput: "0.7" },
      effectiveFrom: "2026-01-01T00:00:00Z",
    });
    await createOverride(org, { kind: "DISCOUNT", percentOff: "33.333333", effectiveFrom: "2026-01-01T00:00:00Z" });
    await miniCall(org.orgId);
    // Custom cost 1,000,000,000 + 1,500,000,000 + 140,000,000 = 2,640,000,000; x 0.66666667
    // = 1,760,000,008.8 -> 1,760,000,009 (the event's cost). Split 1e9 : 1.5e9 : 1.4e8: 666,666,670.08,
    // 1,000,000,005.11, 93,333,333.8 -> floors sum to ...008, the unit left to cached input (largest remainder).
    const rows = await exportOctober(org.orgId);
    expect(rows.map((r) => [r.x_TokenKind, r.EffectiveCost, r.x_CostPicoUsd])).toEqual([
      ["input", "0.00066666667", "666666670"],
      ["output", "0.001000000005", "1000000005"],
      ["cached-input", "0.000093333334", "93333334"],
    ]);
    const spend = await querySpend(
      org,
      spendQuerySchema.parse({ from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z" }),
    );
    expect(spend.total.cost).toBe("0.001760000009");
  });

  it("time-of-day windows: an hour wholly inside a window has its ListCost and kind split at the window's price", async () => {
    // A catalog model at $1 input / $2 output per 1M, $0.50 / $0.50 from 16:30 to 00:30 UTC (wrapping midnight)
    // and $0.25 / $0.25 from 06:00 to 08:00.
    await db().modelPrice.create({
      data: {
        provider: "tod-test",
        model: "tod-7b",
        prices: { input: "1", output: "2" },
        timeOfDay: [
          { from: "16:30", to: "00:30", prices: { input: "0.5", output: "0.5" } },
          { from: "06:00", to: "08:00", prices: { input: "0.25", output: "0.25" } },
        ],
        effectiveFrom: new Date("2020-01-01T00:00:00Z"),
      },
    });
    invalidatePriceCache();
    const org = await newOrg("focus-tod");
    const call = (timestamp: string) => ({
      eventId: randomUUID(),
      timestamp,
      provider: "tod-test",
      model: "tod-7b",
      inputTokens: 1000,
      outputTokens: 1000,
    });
    const r = await ingestBatch(
      org.orgId,
      [call("2026-10-05T07:05:00Z"), call("2026-10-05T16:40:00Z"), call("2026-10-05T18:10:00Z")],
      {},
      { allowBackfill: true },
    );
    expect(r.accepted).toBe(3);
    await foldDeltas(org.orgId);
    const rows = await exportOctober(org.orgId);
    // 07:05 (hour 07 inside 06:00-08:00): 1000 x 250,000 each kind = 0.00025 + 0.00025, list the same.
    // 16:40 (hour 16 straddles 16:30): priced at the window, 1000 x 500,000 x 2 = 1,000,000,000 pico, but the
    // hour is not wholly inside: ListCost at the standard price (0.001 / 0.002), split 1:2 -> 333,333,333 and
    // 666,666,667 (the unit left to the larger remainder).
    // 18:10 (hour 18 inside the wrapping window): 0.0005 + 0.0005, list the same.
    expect(rows.map((x) => [x.ChargePeriodStart, x.x_TokenKind, x.ListCost, x.EffectiveCost])).toEqual([
      ["2026-10-05T07:00:00Z", "input", "0.00025", "0.00025"],
      ["2026-10-05T07:00:00Z", "output", "0.00025", "0.00025"],
      ["2026-10-05T16:00:00Z", "input", "0.001", "0.000333333333"],
      ["2026-10-05T16:00:00Z", "output", "0.002", "0.000666666667"],
      ["2026-10-05T18:00:00Z", "input", "0.0005", "0.0005"],
      ["2026-10-05T18:00:00Z", "output", "0.0005", "0.0005"],
    ]);
    const spend = await querySpend(
      org,
      spendQuerySchema.parse({ from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z" }),
    );
    expect(sumDecimals(rows.map((x) => x.BilledCost!))).toBe(spend.total.cost);
    expect(spend.total.cost).toBe("0.0025");
  });
});
