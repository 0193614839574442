import { withSession } from "@/lib/api/with-session";
import { releaseHeldInvoice } from "@/lib/billing";
import { orgReleaseInvoiceContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const POST = withSession(orgReleaseInvoiceContract, async (ctx, { params }) => ({
  invoice: await releaseHeldInvoice(ctx, params.statementId),
}));
