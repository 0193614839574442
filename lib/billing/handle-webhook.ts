import { pgPool } from "@/lib/db/pg-pool";
import { inPgTransaction } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { stripeSecrets } from "./connect-stripe";
import { stripeWebhooks } from "./stripe-client";

/** Stripe invoice events Burnrate follows, and the status each one means. */
const STATUS_OF: Record<string, string> = {
  "invoice.finalized": "open",
  "invoice.paid": "paid",
  "invoice.payment_failed": "payment_failed",
  "invoice.voided": "void",
};
/** A late "finalized" or "payment_failed" never takes an invoice back from paid or void. */
const FINAL = ["paid", "void"];

/**
 * A Stripe webhook for an organisation: verified with its webhook signing secret (Stripe's scheme,
 * stripe.webhooks.constructEvent with its timestamp tolerance), applied once per event id (a
 * redelivered event is acknowledged and ignored), updating the invoice status of the statement.
 */
export async function handleStripeWebhook(orgId: string, payload: string, signature: string | null) {
  const { rows } = await pgPool().query(`SELECT 1 FROM organizations WHERE id = $1`, [orgId]);
  const secrets = rows.length ? await stripeSecrets(orgId) : null;
  if (!secrets) throw AppError.notFound("No Stripe connection for this organisation");
  let event: { id: string; type: string; data: { object: { id?: string; object?: string } } };
  try {
    event = stripeWebhooks().constructEvent(payload, signature ?? "", secrets.webhookSecret) as unknown as typeof event;
  } catch (err) {
    throw new AppError("invalid_request", "Stripe signature verification failed", [
      { path: "stripe-signature", message: err instanceof Error ? err.message.split("\n")[0]! : "invalid signature" },
    ]);
  }
  return inPgTransaction(async (client) => {
    const fresh = await client.query(
      `INSERT INTO stripe_webhook_events ("orgId", "eventId", type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [orgId, event.id, event.type],
    );
    if (!fresh.rowCount) return { received: true as const, duplicate: true, updated: 0 };
    const status = STATUS_OF[event.type];
    const invoiceId = event.data.object.object === "invoice" ? event.data.object.id : undefined;
    let updated = 0;
    if (status && invoiceId) {
      const res = await client.query(
        `UPDATE chargeback_invoices SET status = $3, "updatedAt" = now()
          WHERE "orgId" = $1 AND "stripeInvoiceId" = $2 AND status <> 'held' AND ($3 IN ('paid', 'void') OR status <> ALL($4::text[]))`,
        [orgId, invoiceId, status, FINAL],
      );
      updated = res.rowCount ?? 0;
      log.info({ orgId, eventId: event.id, type: event.type, invoiceId, updated }, "stripe webhook applied");
    }
    return { received: true as const, duplicate: false, updated };
  });
}
