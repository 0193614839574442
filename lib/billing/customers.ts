import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { pgPool } from "@/lib/db/pg-pool";
import type { OrgContext } from "@/lib/tenancy/context";
import { requireStripe } from "./connect-stripe";
import { stripeClient } from "./stripe-client";

export const partyParam = z.string().min(1).max(200).describe("The customer, as in usage events");
export const mapCustomerBody = z
  .strictObject({
    party: partyParam,
    stripeCustomerId: z
      .string()
      .regex(/^cus_[A-Za-z0-9]{4,}$/, "a Stripe customer id (cus_…)")
      .optional()
      .describe("An existing Stripe customer"),
    create: z.literal(true).optional().describe("Create the customer in Stripe instead"),
    email: z.string().email().optional().describe("Billing email of a new Stripe customer"),
    name: z.string().min(1).max(200).optional().describe("Name of a new Stripe customer (default: the party)"),
  })
  .superRefine((b, ctx) => {
    if (!b.stripeCustomerId === !b.create)
      ctx.addIssue({
        code: "custom",
        path: ["stripeCustomerId"],
        message: "give either stripeCustomerId or create: true",
      });
  });

export async function listStripeCustomers(orgId: string) {
  const { rows } = await pgPool().query<{ party: string; stripeCustomerId: string; createdInStripe: boolean }>(
    `SELECT party, "stripeCustomerId", "createdInStripe" FROM stripe_customers WHERE "orgId" = $1 ORDER BY party`,
    [orgId],
  );
  return rows;
}

/**
 * Maps a customer (the party of its statements) to a Stripe customer id, or creates it in Stripe
 * (idempotency key derived from the organisation and party: a repeated request creates one customer).
 */
export async function mapStripeCustomer(ctx: OrgContext, input: z.output<typeof mapCustomerBody>) {
  const { party } = input;
  let stripeCustomerId: string;
  let created = false;
  if (input.stripeCustomerId) stripeCustomerId = input.stripeCustomerId;
  else {
    const { secretKey } = await requireStripe(ctx.orgId);
    const customer = await stripeClient(secretKey).customers.create(
      {
        name: input.name ?? party,
        ...(input.email ? { email: input.email } : {}),
        metadata: { burnrate_party: party },
      },
      { idempotencyKey: `burnrate-customer-${ctx.orgId}-${party}` },
    );
    stripeCustomerId = customer.id;
    created = true;
  }
  await pgPool().query(
    `INSERT INTO stripe_customers ("orgId", party, "stripeCustomerId", "createdInStripe") VALUES ($1, $2, $3, $4)
     ON CONFLICT ("orgId", party) DO UPDATE SET "stripeCustomerId" = $3, "createdInStripe" = $4`,
    [ctx.orgId, party, stripeCustomerId, created],
  );
  await recordAudit(ctx, {
    action: "stripe.customer_mapped",
    targetType: "stripe_customer",
    targetId: party,
    metadata: { stripeCustomerId, created },
  });
  return { party, stripeCustomerId, createdInStripe: created };
}
