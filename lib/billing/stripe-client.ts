import Stripe from "stripe";
import { env } from "@/lib/env";

/**
 * A Stripe SDK client for an organisation's key. BURNRATE_STRIPE_API_URL (operators, tests) points
 * it at another Stripe-compatible server; unset, it talks to api.stripe.com.
 */
export function stripeClient(secretKey: string): Stripe {
  const url = env().BURNRATE_STRIPE_API_URL;
  const target = url ? new URL(url) : null;
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(target
      ? {
          host: target.hostname,
          port: target.port || (target.protocol === "https:" ? 443 : 80),
          protocol: target.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

/** Only for signature checks (no request is ever sent with it). */
export const stripeWebhooks = () => stripeClient("sk_unused_for_webhooks").webhooks;
