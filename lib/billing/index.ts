// Stripe billing of chargeback statements (customers): connection, customer mapping, invoices, webhooks.
export { billPendingInvoices, billStatement } from "./bill-statement";
export { connectStripe, connectStripeBody, disconnectStripe } from "./connect-stripe";
export { listStripeCustomers, mapCustomerBody, mapStripeCustomer, partyParam } from "./customers";
export { handleStripeWebhook } from "./handle-webhook";
export { releaseHeldInvoice } from "./release-held-invoice";
export { centsForItems, centsOf } from "./invoice-items";
