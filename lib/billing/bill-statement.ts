import type Stripe from "stripe";
import { linesFromJson } from "@/lib/chargeback/lines-json";
import { statementNumber } from "@/lib/chargeback";
import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pg-pool";
import { dispatchPublished, publishEvent } from "@/lib/delivery/publish-event";
import { log } from "@/lib/log";
import { formatPicoUsd } from "@/lib/money";
import { stripeSecrets } from "./connect-stripe";
import { centsForItems } from "./invoice-items";
import { stripeClient } from "./stripe-client";

type Row = {
  status: string;
  stripeInvoiceId: string | null;
  expectedCents: bigint;
  number: number;
  period: string;
  party: string;
  currency: string;
  directPico: bigint;
  lines: unknown;
};

export type BillResult = { status: string; stripeInvoiceId?: string };

/** Where a statement's invoice may still be (re)worked by a billing run. */
const BILLABLE = new Set(["pending", "failed", "draft"]);

/**
 * The invoice items of a statement. Usage is one item at what the customer is billed for it: its
 * cost, or its price list where it has one (the price_list line folded in: the customer sees its own
 * prices, never the organisation's cost); then allocations, the markup percent and adjustments.
 */
export function itemsOf(
  r: Pick<Row, "period" | "party" | "directPico" | "lines">,
): { description: string; pico: bigint }[] {
  const lines = linesFromJson(r.lines);
  const listed = lines.filter((l) => l.kind === "price_list");
  const usage = r.directPico + listed.reduce((s, l) => s + l.costPico, 0n);
  const at = listed.length ? " at your price list" : "";
  const items = [{ description: `LLM usage ${r.period} (${r.party})${at}`, pico: usage }];
  for (const l of lines) {
    if (l.kind === "allocated") items.push({ description: l.description, pico: l.costPico });
    if (l.kind === "markup") items.push({ description: `Markup ${l.percent}%`, pico: l.costPico });
    if (l.kind === "adjustment") items.push({ description: l.description, pico: l.costPico });
  }
  return items;
}

const cents = (c: bigint): string => (c >= 0n ? `${c / 100n}.${String(c % 100n).padStart(2, "0")}` : `-${cents(-c)}`);

/**
 * Bills one closed customer statement in Stripe, exactly once: a draft invoice, one invoice item per
 * part of the statement (amounts in cents adding up to the statement total rounded to the cent),
 * then a comparison of Stripe's invoice total with the statement before finalizing; a difference
 * holds the invoice (status held, an alert event). Every create carries an idempotency key derived
 * from the statement, items already on the invoice are not created again, and one billing run per
 * statement at a time (advisory lock): retries and duplicated jobs never bill twice.
 */
export async function billStatement(orgId: string, statementId: string): Promise<BillResult> {
  const lock = await pgPool().connect();
  try {
    const got = await lock.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [
      `bill:${orgId}:${statementId}`,
    ]);
    if (!got.rows[0]!.ok) return { status: "busy" };
    try {
      return await billLocked(orgId, statementId);
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`bill:${orgId}:${statementId}`]);
    }
  } finally {
    lock.release();
  }
}

async function setInvoice(orgId: string, statementId: string, fields: Record<string, unknown>) {
  const keys = Object.keys(fields);
  await pgPool().query(
    `UPDATE chargeback_invoices SET ${keys.map((k, i) => `"${k}" = $${i + 3}`).join(", ")}, "updatedAt" = now()
      WHERE "orgId" = $1 AND "statementId" = $2`,
    [orgId, statementId, ...Object.values(fields)],
  );
}

async function billLocked(orgId: string, statementId: string): Promise<BillResult> {
  const { rows } = await pgPool().query<Row>(
    `SELECT i.status, i."stripeInvoiceId", i."expectedCents", s.number, s.period, s.party, s.currency, s."directPico", s.lines
       FROM chargeback_invoices i JOIN chargeback_statements s ON s."orgId" = i."orgId" AND s.id = i."statementId"
      WHERE i."orgId" = $1 AND i."statementId" = $2`,
    [orgId, statementId],
  );
  const r = rows[0];
  if (!r) return { status: "not_billable" };
  if (!BILLABLE.has(r.status)) return { status: r.status, stripeInvoiceId: r.stripeInvoiceId ?? undefined };
  const secrets = await stripeSecrets(orgId);
  if (!secrets) return { status: r.status };
  const { rows: map } = await pgPool().query<{ stripeCustomerId: string }>(
    `SELECT "stripeCustomerId" FROM stripe_customers WHERE "orgId" = $1 AND party = $2`,
    [orgId, r.party],
  );
  const customer = map[0]?.stripeCustomerId;
  if (!customer) {
    await setInvoice(orgId, statementId, {
      status: "failed",
      lastError: `customer ${r.party} is not mapped to a Stripe customer`,
    });
    return { status: "failed" };
  }
  await pgPool().query(
    `UPDATE chargeback_invoices SET attempts = attempts + 1 WHERE "orgId" = $1 AND "statementId" = $2`,
    [orgId, statementId],
  );
  const stripe = stripeClient(secrets.secretKey);
  const key = (what: string) => `burnrate-${orgId}-${statementId}-${what}`;
  const currency = r.currency.toLowerCase();
  try {
    let invoiceId = r.stripeInvoiceId;
    if (!invoiceId) {
      const invoice = await stripe.invoices.create(
        {
          customer,
          currency,
          collection_method: "send_invoice",
          days_until_due: 30,
          auto_advance: false,
          pending_invoice_items_behavior: "exclude",
          description: `Chargeback statement ${statementNumber(r.number)} for ${r.period}`,
          metadata: { burnrate_statement_id: statementId, burnrate_statement_number: statementNumber(r.number) },
        },
        { idempotencyKey: key("invoice") },
      );
      invoiceId = invoice.id!;
      await setInvoice(orgId, statementId, { stripeInvoiceId: invoiceId, stripeCustomerId: customer, status: "draft" });
    }
    const items = itemsOf(r);
    const amounts = centsForItems(items.map((i) => i.pico));
    const existing = new Set<string>();
    for await (const it of stripe.invoiceItems.list({ invoice: invoiceId, limit: 100 }))
      if (it.metadata?.burnrate_item) existing.add(it.metadata.burnrate_item);
    for (const [i, item] of items.entries()) {
      if (amounts[i] === 0n || existing.has(String(i))) continue;
      await stripe.invoiceItems.create(
        {
          customer,
          invoice: invoiceId,
          currency,
          amount: Number(amounts[i]),
          description: item.description,
          metadata: {
            burnrate_statement_id: statementId,
            burnrate_item: String(i),
            exact_amount: formatPicoUsd(item.pico),
          },
        },
        { idempotencyKey: key(`item-${i}`) },
      );
    }
    const invoice = await stripe.invoices.retrieve(invoiceId);
    const stripeTotal = BigInt(invoice.total);
    if (stripeTotal !== r.expectedCents) {
      const reason = `Stripe invoice total ${cents(stripeTotal)} differs from the statement total ${cents(r.expectedCents)}`;
      await hold(orgId, statementId, r, stripeTotal, reason);
      return { status: "held", stripeInvoiceId: invoiceId };
    }
    let final: Stripe.Invoice = invoice;
    if (invoice.status === "draft")
      final = await stripe.invoices.finalizeInvoice(
        invoiceId,
        { auto_advance: true },
        { idempotencyKey: key("finalize") },
      );
    await setInvoice(orgId, statementId, {
      status: final.status ?? "open",
      stripeTotalCents: stripeTotal,
      lastError: null,
    });
    return { status: final.status ?? "open", stripeInvoiceId: invoiceId };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.warn({ orgId, statementId, err: message }, "stripe billing failed; will retry");
    await setInvoice(orgId, statementId, { lastError: message.slice(0, 500) });
    throw err;
  }
}

async function hold(orgId: string, statementId: string, r: Row, stripeTotal: bigint, reason: string) {
  const published = await db().$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE chargeback_invoices SET status = 'held', "stripeTotalCents" = ${stripeTotal}, "heldReason" = ${reason}, "updatedAt" = now()
                          WHERE "orgId" = ${orgId} AND "statementId" = ${statementId}`;
    await tx.auditLog.create({
      data: {
        orgId,
        actorLabel: "Burnrate (Stripe billing)",
        action: "stripe.invoice_held",
        targetType: "chargeback_statement",
        targetId: statementId,
        metadata: { reason },
      },
    });
    return publishEvent(tx, {
      orgId,
      type: "chargeback.invoice_held",
      data: {
        statementId,
        statementNumber: statementNumber(r.number),
        party: r.party,
        period: r.period,
        expectedTotal: cents(r.expectedCents),
        stripeTotal: cents(stripeTotal),
        currency: r.currency,
      },
    });
  });
  log.error({ orgId, statementId, reason }, "stripe invoice held: totals differ");
  await dispatchPublished(published).catch(() => {});
}

/** Statements waiting to be billed (pending, or failed/draft to retry), for the billing sweep. */
export async function billPendingInvoices(limit = 50): Promise<BillResult[]> {
  const { rows } = await pgPool().query<{ orgId: string; statementId: string }>(
    `SELECT "orgId", "statementId" FROM chargeback_invoices WHERE status IN ('pending', 'failed', 'draft')
      ORDER BY "updatedAt" LIMIT $1`,
    [limit],
  );
  const out: BillResult[] = [];
  for (const r of rows) out.push(await billStatement(r.orgId, r.statementId).catch(() => ({ status: "error" })));
  return out;
}
