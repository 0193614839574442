import type { StatementView } from "@/lib/chargeback";
import { csvCell, csvRow } from "./csv-cell";

const HEADER = [
  "StatementNumber",
  "Period",
  "PartyDimension",
  "Party",
  "Currency",
  "LineKind",
  "Description",
  "Feature",
  "Provider",
  "Model",
  "Requests",
  "InputTokens",
  "OutputTokens",
  "CachedInputTokens",
  "CacheWriteTokens",
  "ReasoningTokens",
  "Cost",
  "BilledAtPriceList",
];

/**
 * One statement as CSV: its lines, then the direct, allocated, markup, adjustment and total rows.
 * Cost is a line's cost; BilledAtPriceList what a usage line is billed at the party's price list
 * (empty: billed at cost; the difference is the price_list line, part of markup).
 */
export function statementCsv(s: StatementView): string {
  const head = [s.number ?? "PREVIEW", s.period, s.partyDimension, s.party, s.currency];
  let out = csvRow(HEADER);
  for (const l of s.lines) {
    out += csvRow([
      ...head.map((h) => csvCell(h)),
      csvCell(l.kind),
      csvCell(l.description),
      csvCell(l.feature),
      csvCell(l.provider),
      csvCell(l.model),
      ...[l.requests, l.inputTokens, l.outputTokens, l.cachedInputTokens, l.cacheWriteTokens, l.reasoningTokens].map(
        (n) => csvCell(n, false),
      ),
      csvCell(l.cost, false),
      csvCell(l.billed, false),
    ]);
  }
  for (const [kind, amount] of [
    ["direct", s.direct],
    ["allocated", s.allocated],
    ["markup", s.markup],
    ["adjustment", s.adjustment],
    ["total", s.total],
  ] as const) {
    out += csvRow([
      ...head.map((h) => csvCell(h)),
      kind,
      `Total ${kind}`,
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      csvCell(amount, false),
      "",
    ]);
  }
  return out;
}
