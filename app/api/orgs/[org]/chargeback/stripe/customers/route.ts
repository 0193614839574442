import { withSession } from "@/lib/api/with-session";
import { listStripeCustomers, mapStripeCustomer } from "@/lib/billing";
import { orgMapStripeCustomerContract, orgStripeCustomersContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const GET = withSession(orgStripeCustomersContract, async (ctx) => ({
  customers: await listStripeCustomers(ctx.orgId),
}));
export const PUT = withSession(orgMapStripeCustomerContract, async (ctx, { body }) => ({
  customer: await mapStripeCustomer(ctx, body),
}));
