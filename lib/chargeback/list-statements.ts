import { pgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors";
import { formatPicoUsd } from "@/lib/money";
import { closesAt } from "./close-period";
import { computePeriod, type PeriodRules } from "./compute-period";
import { linesFromJson } from "./lines-json";
import { periodBounds } from "./period";
import { getChargebackSettings, type PartyDimension } from "./settings";
import { type StatementView, statementView } from "./statement-view";

type StatementRow = {
  id: string;
  number: number;
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
  closedAt: Date;
  lines: unknown;
  invoiceStatus: string | null;
  stripeInvoiceId: string | null;
  heldReason: string | null;
};

const SELECT = `SELECT s.id, s.number, s.period, s."periodStart", s."periodEnd", s."partyDimension", s.party, s.currency,
       s."directPico", s."allocatedPico", s."markupPico", s."adjustmentPico", s."totalPico", s."closedAt", s.lines,
       i.status AS "invoiceStatus", i."stripeInvoiceId", i."heldReason"
  FROM chargeback_statements s
  LEFT JOIN chargeback_invoices i ON i."orgId" = s."orgId" AND i."statementId" = s.id`;

const fromRow = (r: StatementRow) =>
  statementView({
    ...r,
    lines: linesFromJson(r.lines),
    invoice: r.invoiceStatus
      ? { status: r.invoiceStatus, stripeInvoiceId: r.stripeInvoiceId, heldReason: r.heldReason }
      : null,
  });

export type PeriodView = {
  period: string;
  status: "open" | "closed";
  periodStart: Date;
  periodEnd: Date;
  closesAt: Date;
  partyDimension: PartyDimension;
  currency: string;
  totals: { direct: string; allocated: string; markup: string; adjustment: string; total: string };
  shared: { usage: string; fixed: string; unallocated: string } | null;
  statements: StatementView[];
};

function totalsOf(statements: StatementView[], pico: (s: StatementView) => Record<string, bigint>) {
  const sum = { direct: 0n, allocated: 0n, markup: 0n, adjustment: 0n, total: 0n };
  for (const s of statements) {
    const p = pico(s);
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += p[k]!;
  }
  return Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, formatPicoUsd(v)])) as PeriodView["totals"];
}

/**
 * The statements of a period: frozen ones once it closed, else a live preview (with the saved rules,
 * or the draft rules of the editor's preview). Scoped to the organisation.
 */
export async function listStatements(orgId: string, period: string, draft?: Partial<PeriodRules>): Promise<PeriodView> {
  const settings = await getChargebackSettings(orgId);
  const bounds = periodBounds(period, settings.timeZone);
  const { rows: closed } = await pgPool().query<{ partyDimension: PartyDimension; periodStart: Date; periodEnd: Date }>(
    `SELECT "partyDimension", "periodStart", "periodEnd" FROM chargeback_periods WHERE "orgId" = $1 AND period = $2`,
    [orgId, period],
  );
  if (closed[0] && !draft) {
    const { rows } = await pgPool().query<StatementRow>(
      `${SELECT} WHERE s."orgId" = $1 AND s.period = $2 ORDER BY s.number`,
      [orgId, period],
    );
    const statements = rows.map(fromRow);
    const raw = new Map(rows.map((r) => [r.id, r]));
    return {
      period,
      status: "closed",
      periodStart: closed[0].periodStart,
      periodEnd: closed[0].periodEnd,
      closesAt: closesAt(closed[0].periodEnd, settings.graceDays),
      partyDimension: closed[0].partyDimension,
      currency: settings.currency,
      totals: totalsOf(statements, (s) => {
        const r = raw.get(s.id!)!;
        return {
          direct: r.directPico,
          allocated: r.allocatedPico,
          markup: r.markupPico,
          adjustment: r.adjustmentPico,
          total: r.totalPico,
        };
      }),
      shared: null,
      statements,
    };
  }
  const computed = await computePeriod(orgId, period, draft);
  const statements = computed.chargeback.parties.map((p) =>
    statementView({
      ...p,
      id: null,
      number: null,
      period,
      periodStart: bounds.start,
      periodEnd: bounds.end,
      partyDimension: computed.rules.partyDimension,
      currency: settings.currency,
      closedAt: null,
    }),
  );
  const byParty = new Map(computed.chargeback.parties.map((p) => [p.party, p]));
  const sh = computed.chargeback.shared;
  return {
    period,
    status: closed[0] ? "closed" : "open",
    periodStart: bounds.start,
    periodEnd: bounds.end,
    closesAt: closesAt(bounds.end, settings.graceDays),
    partyDimension: computed.rules.partyDimension,
    currency: settings.currency,
    totals: totalsOf(statements, (s) => {
      const p = byParty.get(s.party)!;
      return {
        direct: p.directPico,
        allocated: p.allocatedPico,
        markup: p.markupPico,
        adjustment: p.adjustmentPico,
        total: p.totalPico,
      };
    }),
    shared: {
      usage: formatPicoUsd(sh.usagePico),
      fixed: formatPicoUsd(sh.fixedPico),
      unallocated: formatPicoUsd(sh.unallocatedPico),
    },
    statements,
  };
}

/** One closed statement of the organisation (404 for another organisation's id). */
export async function getStatement(orgId: string, id: string): Promise<StatementView> {
  const { rows } = await pgPool().query<StatementRow>(`${SELECT} WHERE s."orgId" = $1 AND s.id = $2`, [orgId, id]);
  if (!rows[0]) throw AppError.notFound("No such statement in this organisation");
  return fromRow(rows[0]);
}
