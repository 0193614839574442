import { readLimitedText } from "@/lib/api/request-guards";
import { withPublic } from "@/lib/api/with-public";
import { handleStripeWebhook } from "@/lib/billing";
import { stripeWebhookContract } from "@/lib/contracts/chargeback";

export const dynamic = "force-dynamic";

export const POST = withPublic(stripeWebhookContract, async (_ctx, { req, params }) => {
  // The signature covers the exact bytes: read the body as sent, never re-serialised.
  const payload = await readLimitedText(req, stripeWebhookContract.maxBodyBytes);
  return handleStripeWebhook(params.orgId, payload, req.headers.get("stripe-signature"));
});
