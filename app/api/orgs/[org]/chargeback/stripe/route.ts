import { withSession } from "@/lib/api/with-session";
import { connectStripe, disconnectStripe } from "@/lib/billing";
import { orgConnectStripeContract, orgDisconnectStripeContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const PUT = withSession(orgConnectStripeContract, async (ctx, { body }) => connectStripe(ctx, body));
export const DELETE = withSession(orgDisconnectStripeContract, async (ctx) => {
  await disconnectStripe(ctx);
  return { connected: false as const };
});
