import { randomUUID } from "node:crypto";
import { inPgTransaction } from "@/lib/db/pg-transaction";
import { pgPool } from "@/lib/db/pg-pool";
import { log } from "@/lib/log";
import { roundToMinorUnit } from "@/lib/money";
import { computePeriod } from "./compute-period";
import { linesToJson } from "./lines-json";
import { periodBounds, periodContaining, shiftPeriod } from "./period";
import { getChargebackSettings } from "./settings";

const DAY_MS = 86_400_000;
/** At most this many periods are closed per organisation and run (a backlog catches up over runs). */
const MAX_CLOSES_PER_RUN = 24;

export type CloseResult =
  | { status: "closed"; period: string; statementIds: string[]; invoiceIds: string[] }
  | { status: "already_closed" | "not_due"; period: string };

/** When a period closes: its end in the org time zone plus the grace days. */
export function closesAt(end: Date, graceDays: number): Date {
  return new Date(end.getTime() + graceDays * DAY_MS);
}

/**
 * Closes one period: computes every party's statement (direct, allocated, markup, adjustments for
 * late usage in earlier closed periods), numbers and freezes them with the rules used, queues a Stripe
 * invoice for customer statements when Stripe is connected, and audits it. One closer per
 * organisation at a time (advisory lock); a period closes once, whatever the retries.
 */
export async function closePeriod(orgId: string, period: string, now = new Date()): Promise<CloseResult> {
  const settings = await getChargebackSettings(orgId);
  const bounds = periodBounds(period, settings.timeZone);
  if (now < closesAt(bounds.end, settings.graceDays)) return { status: "not_due", period };
  return inPgTransaction(async (client) => {
    await client.query(`SELECT 1 FROM pg_advisory_xact_lock(hashtext($1))`, [`chargeback:${orgId}`]);
    const done = await client.query(`SELECT 1 FROM chargeback_periods WHERE "orgId" = $1 AND period = $2`, [
      orgId,
      period,
    ]);
    if (done.rowCount) return { status: "already_closed" as const, period };
    const computed = await computePeriod(orgId, period, undefined, client);
    await client.query(
      `INSERT INTO chargeback_settings ("orgId", "updatedAt") VALUES ($1, now()) ON CONFLICT ("orgId") DO NOTHING`,
      [orgId],
    );
    const { rows } = await client.query<{ next: number }>(
      `SELECT "nextStatementNumber" AS next FROM chargeback_settings WHERE "orgId" = $1 FOR UPDATE`,
      [orgId],
    );
    let number = rows[0]!.next;
    const statementIds: string[] = [];
    const invoiceIds: string[] = [];
    const billStripe = settings.stripe.connected && computed.rules.partyDimension === "customer";
    for (const p of computed.chargeback.parties) {
      const id = randomUUID();
      await client.query(
        `INSERT INTO chargeback_statements ("orgId", id, number, period, "periodStart", "periodEnd", "partyDimension", party,
            currency, "directPico", "allocatedPico", "markupPico", "adjustmentPico", "totalPico", lines, "closedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          orgId,
          id,
          number++,
          period,
          bounds.start,
          bounds.end,
          computed.rules.partyDimension,
          p.party,
          settings.currency,
          p.directPico,
          p.allocatedPico,
          p.markupPico,
          p.adjustmentPico,
          p.totalPico,
          JSON.stringify(linesToJson(p.lines)),
          now,
        ],
      );
      statementIds.push(id);
      const cents = roundToMinorUnit(p.totalPico) / 10_000_000_000n;
      if (billStripe && cents > 0n) {
        await client.query(
          `INSERT INTO chargeback_invoices ("orgId", "statementId", status, "expectedCents") VALUES ($1, $2, 'pending', $3)`,
          [orgId, id, cents],
        );
        invoiceIds.push(id);
      }
    }
    await client.query(`UPDATE chargeback_settings SET "nextStatementNumber" = $2 WHERE "orgId" = $1`, [orgId, number]);
    await client.query(
      `INSERT INTO chargeback_periods ("orgId", period, "periodStart", "periodEnd", "partyDimension", rule, markups, "priceLists", "fixedCosts", "closedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        orgId,
        period,
        bounds.start,
        bounds.end,
        computed.rules.partyDimension,
        JSON.stringify(computed.rules.rule),
        JSON.stringify(computed.rules.markups),
        JSON.stringify(computed.rules.priceLists),
        JSON.stringify(computed.fixedCosts.map((f) => ({ ...f, amountPico: f.amountPico.toString() }))),
        now,
      ],
    );
    await client.query(
      `INSERT INTO audit_logs (id, "orgId", "actorLabel", action, "targetType", "targetId", metadata, "createdAt")
       VALUES ($1, $2, 'Burnrate (chargeback close)', 'chargeback.period_closed', 'chargeback_period', $3, $4, $5)`,
      [
        randomUUID(),
        orgId,
        period,
        JSON.stringify({ statements: statementIds.length, invoices: invoiceIds.length, graceDays: settings.graceDays }),
        now,
      ],
    );
    log.info({ orgId, period, statements: statementIds.length }, "chargeback period closed");
    return { status: "closed" as const, period, statementIds, invoiceIds };
  });
}

/**
 * Closes every due period of an organisation in order: from the one after the last closed (or the
 * first month with spend) up to the last whose end + grace has passed.
 */
export async function closeDuePeriods(orgId: string, now = new Date()): Promise<CloseResult[]> {
  const settings = await getChargebackSettings(orgId);
  const { rows } = await pgPool().query<{ last: string | null; first: Date | null }>(
    `SELECT (SELECT max(period) FROM chargeback_periods WHERE "orgId" = $1) AS last,
            (SELECT min(hour) FROM spend_rollups WHERE "orgId" = $1) AS first`,
    [orgId],
  );
  const { last, first } = rows[0]!;
  let period = last ? shiftPeriod(last, 1) : first ? periodContaining(first, settings.timeZone) : null;
  const out: CloseResult[] = [];
  while (period && out.length < MAX_CLOSES_PER_RUN) {
    const { end } = periodBounds(period, settings.timeZone);
    if (now < closesAt(end, settings.graceDays)) break;
    out.push(await closePeriod(orgId, period, now));
    period = shiftPeriod(period, 1);
  }
  return out;
}

/**
 * Every organisation with usage (default settings when it never saved any: teams, proportional,
 * 3 grace days) or with chargeback set up: close what is due. One primary-key probe per organisation.
 */
export async function closeAllDuePeriods(now = new Date()): Promise<CloseResult[]> {
  const { rows } = await pgPool().query<{ orgId: string }>(
    `SELECT o.id AS "orgId" FROM organizations o
      WHERE EXISTS (SELECT 1 FROM spend_rollups r WHERE r."orgId" = o.id)
         OR EXISTS (SELECT 1 FROM chargeback_settings s WHERE s."orgId" = o.id)
      ORDER BY o.id`,
  );
  const out: CloseResult[] = [];
  for (const { orgId } of rows) out.push(...(await closeDuePeriods(orgId, now)));
  return out;
}
