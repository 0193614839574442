import { divRoundHalfEven, parseScaled } from "@/lib/money";
import type { AllocationRule, Markups } from "./allocation-rule";
import { apportion, compareKeys } from "./apportion";
import { type PriceLists, priceAtList } from "./price-list";

export const TOKEN_KINDS = [
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "reasoningTokens",
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** Usage of one party (""= no party: shared) by feature and model over the period. */
export type UsageRow = {
  party: string;
  feature: string;
  provider: string;
  model: string;
  requests: bigint;
  costPico: bigint;
} & Record<TokenKind, bigint>;

export type FixedCost = { id: string; name: string; amountPico: bigint };
export type Adjustment = { sourcePeriod: string; amountPico: bigint };

export type UsageLine = {
  kind: "usage";
  feature: string;
  provider: string;
  model: string;
  requests: bigint;
  costPico: bigint;
  /** What the party is billed for the line at its price list (absent: billed at cost). */
  billedPico?: bigint;
} & Record<TokenKind, bigint>;
export type AllocatedLine = { kind: "allocated"; source: string; description: string; costPico: bigint };
export type MarkupLine = { kind: "markup"; percent: string; costPico: bigint };
/** The price-list uplift: what the usage lines are billed at the party's price list minus their cost. */
export type PriceListLine = { kind: "price_list"; description: string; costPico: bigint };
export type AdjustmentLine = { kind: "adjustment"; sourcePeriod: string; description: string; costPico: bigint };
export type StatementLine = UsageLine | AllocatedLine | PriceListLine | MarkupLine | AdjustmentLine;

export type PartyCharge = {
  party: string;
  directPico: bigint;
  allocatedPico: bigint;
  markupPico: bigint;
  adjustmentPico: bigint;
  totalPico: bigint;
  lines: StatementLine[];
};

export type Chargeback = {
  parties: PartyCharge[];
  shared: { usagePico: bigint; fixedPico: bigint; unallocatedPico: bigint };
};

const sumTokens = (r: Record<TokenKind, bigint>) => TOKEN_KINDS.reduce((s, k) => s + r[k], 0n);

/**
 * Markup at `percent` (up to 6 decimals) of what the party is billed before markup (direct usage, at
 * its price list where it has one, plus allocated), rounded half-even to a pico-dollar.
 */
export function markupOf(base: bigint, percent: string): bigint {
  return divRoundHalfEven(base * parseScaled(percent, 6), 100_000_000n);
}

/**
 * A period's chargeback from its usage (pure): each party's direct usage by feature and model,
 * its share of every shared cost (usage without a party, then each fixed cost, each split apart
 * with `apportion` under the rule, so each adds up exactly), its markup and its adjustments.
 * Shared costs with no party to take them stay unallocated (reported, never lost silently).
 *
 * Markup (what the party pays above cost) has two parts, both on the `markup` total: a party with a
 * price list is billed its listed models at its own prices (exact, no rounding) instead of their cost,
 * the difference as one price_list line; then a markup percent applies to direct usage at those
 * prices plus allocated shares (one rounding, half-even). Allocation weights (proportional) stay the
 * cost, so a price list never moves shared costs between parties.
 */
export function buildChargeback(input: {
  rows: readonly UsageRow[];
  fixedCosts: readonly FixedCost[];
  rule: AllocationRule;
  markups: Markups;
  priceLists?: PriceLists;
  adjustments?: ReadonlyMap<string, readonly Adjustment[]>;
}): Chargeback {
  const { rows, fixedCosts, rule, markups } = input;
  const priceLists = input.priceLists ?? {};
  const adjustments = input.adjustments ?? new Map<string, readonly Adjustment[]>();
  const usage = new Map<string, UsageLine[]>();
  let sharedUsage = 0n;
  for (const r of rows) {
    if (r.party === "") {
      sharedUsage += r.costPico;
      continue;
    }
    const lines = usage.get(r.party) ?? [];
    const { party: _p, ...rest } = r;
    const billedPico = priceAtList(priceLists[r.party], r);
    lines.push(billedPico === null ? { kind: "usage", ...rest } : { kind: "usage", ...rest, billedPico });
    usage.set(r.party, lines);
  }

  // Who takes shared costs: parties with usage (and, for fixed percentages, every party named).
  const weights = new Map<string, bigint>();
  const takers = new Set<string>(usage.keys());
  if (rule.method === "fixed") for (const p of Object.keys(rule.percents ?? {})) takers.add(p);
  for (const p of takers) {
    const lines = usage.get(p) ?? [];
    let w: bigint;
    switch (rule.method) {
      case "even":
        w = 1n;
        break;
      case "proportional":
        w = lines.reduce((s, l) => s + l.costPico, 0n);
        break;
      case "fixed":
        w = parseScaled(rule.percents?.[p] ?? "0", 6);
        break;
      case "requests":
        w = lines.reduce((s, l) => s + l.requests, 0n);
        break;
      case "tokens":
        w = lines.reduce((s, l) => s + sumTokens(l), 0n);
        break;
    }
    weights.set(p, w < 0n ? 0n : w);
  }

  const allocated = new Map<string, AllocatedLine[]>();
  const sources: { source: string; description: string; amount: bigint }[] = [];
  if (sharedUsage !== 0n)
    sources.push({ source: "shared-usage", description: "Shared usage (unattributed)", amount: sharedUsage });
  for (const f of fixedCosts)
    if (f.amountPico !== 0n)
      sources.push({ source: `fixed:${f.id}`, description: `Fixed cost: ${f.name}`, amount: f.amountPico });
  let unallocated = 0n;
  for (const s of sources) {
    const shares = apportion(s.amount, weights);
    if (shares.size === 0) unallocated += s.amount;
    for (const [p, amount] of shares) {
      if (amount === 0n) continue;
      const lines = allocated.get(p) ?? [];
      lines.push({ kind: "allocated", source: s.source, description: s.description, costPico: amount });
      allocated.set(p, lines);
    }
  }

  const everyone = new Set<string>([...takers, ...adjustments.keys()]);
  const parties: PartyCharge[] = [];
  for (const party of [...everyone].sort(compareKeys)) {
    const usageLines = (usage.get(party) ?? []).sort(
      (a, b) =>
        compareKeys(a.feature, b.feature) || compareKeys(a.provider, b.provider) || compareKeys(a.model, b.model),
    );
    const allocLines = allocated.get(party) ?? [];
    const adjLines: AdjustmentLine[] = (adjustments.get(party) ?? [])
      .filter((a) => a.amountPico !== 0n)
      .map((a) => ({
        kind: "adjustment",
        sourcePeriod: a.sourcePeriod,
        description: `Adjustment for ${a.sourcePeriod} (usage recorded after it closed)`,
        costPico: a.amountPico,
      }));
    const directPico = usageLines.reduce((s, l) => s + l.costPico, 0n);
    const allocatedPico = allocLines.reduce((s, l) => s + l.costPico, 0n);
    const listed = usageLines.filter((l) => l.billedPico !== undefined);
    const upliftPico = listed.reduce((s, l) => s + l.billedPico! - l.costPico, 0n);
    const percent = markups[party];
    const percentPico = percent ? markupOf(directPico + upliftPico + allocatedPico, percent) : 0n;
    const markupPico = upliftPico + percentPico;
    const adjustmentPico = adjLines.reduce((s, l) => s + l.costPico, 0n);
    const lines: StatementLine[] = [...usageLines, ...allocLines];
    if (listed.length > 0)
      lines.push({
        kind: "price_list",
        description: `Price list: ${listed.length} usage line${listed.length === 1 ? "" : "s"} billed at ${party}'s price list instead of cost`,
        costPico: upliftPico,
      });
    if (percentPico !== 0n) lines.push({ kind: "markup", percent: percent!, costPico: percentPico });
    lines.push(...adjLines);
    if (lines.length === 0) continue;
    parties.push({
      party,
      directPico,
      allocatedPico,
      markupPico,
      adjustmentPico,
      totalPico: directPico + allocatedPico + markupPico + adjustmentPico,
      lines,
    });
  }
  const fixedPico = fixedCosts.reduce((s, f) => s + f.amountPico, 0n);
  return { parties, shared: { usagePico: sharedUsage, fixedPico, unallocatedPico: unallocated } };
}
