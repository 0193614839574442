import { formatPicoUsd } from "@/lib/money";
import type { StatementLine } from "./build-chargeback";
import type { PartyDimension } from "./settings";

export const statementNumber = (n: number) => `CB-${String(n).padStart(6, "0")}`;

export type LineView = {
  kind: StatementLine["kind"];
  description: string;
  feature?: string;
  provider?: string;
  model?: string;
  requests?: number;
  inputTokens?: number;
  outputTokens?: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  source?: string;
  percent?: string;
  sourcePeriod?: string;
  cost: string;
  /** Usage lines billed at the party's price list: the amount billed (cost is the line's cost). */
  billed?: string;
};

export function lineView(l: StatementLine): LineView {
  const cost = formatPicoUsd(l.costPico);
  switch (l.kind) {
    case "usage":
      return {
        kind: l.kind,
        description: `${l.feature || "(no feature)"} · ${l.provider}/${l.model}`,
        feature: l.feature,
        provider: l.provider,
        model: l.model,
        requests: Number(l.requests),
        inputTokens: Number(l.inputTokens),
        outputTokens: Number(l.outputTokens),
        cachedInputTokens: Number(l.cachedInputTokens),
        cacheWriteTokens: Number(l.cacheWriteTokens),
        reasoningTokens: Number(l.reasoningTokens),
        cost,
        ...(l.billedPico === undefined ? {} : { billed: formatPicoUsd(l.billedPico) }),
      };
    case "allocated":
      return { kind: l.kind, description: l.description, source: l.source, cost };
    case "price_list":
      return { kind: l.kind, description: l.description, cost };
    case "markup":
      return { kind: l.kind, description: `Markup ${l.percent}%`, percent: l.percent, cost };
    case "adjustment":
      return { kind: l.kind, description: l.description, sourcePeriod: l.sourcePeriod, cost };
  }
}

export type StatementView = {
  id: string | null;
  number: string | null;
  status: "preview" | "closed";
  period: string;
  periodStart: Date;
  periodEnd: Date;
  partyDimension: PartyDimension;
  party: string;
  currency: string;
  direct: string;
  allocated: string;
  markup: string;
  adjustment: string;
  total: string;
  closedAt: Date | null;
  invoice: { status: string; stripeInvoiceId: string | null; heldReason: string | null } | null;
  lines: LineView[];
};

export function statementView(s: {
  id: string | null;
  number: number | null;
  period: string;
  periodStart: Date;
  periodEnd: Date;
  partyDimension: PartyDimension;
  party: string;
  currency: string;
  directPico: bigint;
  allocatedPico: bigint;
  markupPico: bigint;
  adjustmentPico: bigint;
  totalPico: bigint;
  closedAt: Date | null;
  lines: StatementLine[];
  invoice?: StatementView["invoice"];
}): StatementView {
  return {
    id: s.id,
    number: s.number === null ? null : statementNumber(s.number),
    status: s.closedAt ? "closed" : "preview",
    period: s.period,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    partyDimension: s.partyDimension,
    party: s.party,
    currency: s.currency,
    direct: formatPicoUsd(s.directPico),
    allocated: formatPicoUsd(s.allocatedPico),
    markup: formatPicoUsd(s.markupPico),
    adjustment: formatPicoUsd(s.adjustmentPico),
    total: formatPicoUsd(s.totalPico),
    closedAt: s.closedAt,
    invoice: s.invoice ?? null,
    lines: s.lines.map(lineView),
  };
}
