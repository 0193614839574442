import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";
import { type BillResult, billStatement } from "./bill-statement";

/**
 * Releases a held invoice (Stripe's total differed from the statement) for another billing run,
 * after someone has looked at it (removed the tax rate or item Stripe added, say): back to draft,
 * audited with who released it and the reason it was held, then billed again at once. The run
 * compares the totals again: still different, it is held again (another alert); equal, finalized.
 * The Stripe invoice and its items are the same ones (same idempotency keys): never billed twice.
 */
export async function releaseHeldInvoice(ctx: OrgContext, statementId: string): Promise<BillResult> {
  await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: string; heldReason: string | null }[]>`
      SELECT status, "heldReason" FROM chargeback_invoices
       WHERE "orgId" = ${ctx.orgId} AND "statementId" = ${statementId} FOR UPDATE`;
    const invoice = rows[0];
    if (!invoice) throw new AppError("not_found", "No invoice for this statement in this organisation");
    if (invoice.status !== "held")
      throw new AppError("conflict", `The invoice is ${invoice.status}, not held: nothing to release`);
    await tx.$executeRaw`UPDATE chargeback_invoices SET status = 'draft', "heldReason" = NULL, "updatedAt" = now()
                          WHERE "orgId" = ${ctx.orgId} AND "statementId" = ${statementId}`;
    await recordAudit(
      ctx,
      {
        action: "stripe.invoice_released",
        targetType: "chargeback_statement",
        targetId: statementId,
        metadata: { heldReason: invoice.heldReason },
      },
      tx,
    );
  });
  return billStatement(ctx.orgId, statementId);
}
