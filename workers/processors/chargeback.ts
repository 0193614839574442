import { billPendingInvoices, billStatement } from "@/lib/billing";
import { closeAllDuePeriods } from "@/lib/chargeback";
import type { Processor } from "../registry";

/** Closes due chargeback periods (every 10 min) and bills customer statements in Stripe. */
export const chargebackProcessor: Processor<"chargeback"> = {
  queue: "chargeback",
  concurrency: 1,
  handle: async ({ orgId, statementId }) => {
    if (orgId && statementId) return billStatement(orgId, statementId);
    const closed = await closeAllDuePeriods();
    const billed = await billPendingInvoices();
    return { closed: closed.filter((c) => c.status === "closed").length, billed: billed.length };
  },
};
