import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { pgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy/context";

export const connectStripeBody = z.strictObject({
  secretKey: z
    .string()
    .regex(/^rk_(live|test)_[A-Za-z0-9]{10,}$/, "a Stripe restricted key (rk_live_… or rk_test_…)")
    .describe("A restricted secret key with write access to customers, invoices and invoice items"),
  webhookSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{10,}$/, "the signing secret of your Stripe webhook endpoint (whsec_…)")
    .describe("The signing secret of the Stripe webhook endpoint pointing at Burnrate"),
});

const keyContext = (orgId: string) => `${orgId}/stripe-key`;
const webhookContext = (orgId: string) => `${orgId}/stripe-webhook-secret`;

/** Stores the restricted key and webhook secret encrypted; only the key's last 4 characters are kept in clear. */
export async function connectStripe(ctx: OrgContext, input: z.output<typeof connectStripeBody>) {
  const hint = `${input.secretKey.slice(0, 8)}…${input.secretKey.slice(-4)}`;
  await pgPool().query(
    `INSERT INTO chargeback_settings ("orgId", "stripeKeyEncrypted", "stripeKeyHint", "stripeWebhookSecretEncrypted", "stripeConnectedAt", "updatedAt")
     VALUES ($1, $2, $3, $4, now(), now())
     ON CONFLICT ("orgId") DO UPDATE SET "stripeKeyEncrypted" = $2, "stripeKeyHint" = $3,
       "stripeWebhookSecretEncrypted" = $4, "stripeConnectedAt" = now(), "updatedAt" = now()`,
    [
      ctx.orgId,
      encryptSecret(input.secretKey, keyContext(ctx.orgId)),
      hint,
      encryptSecret(input.webhookSecret, webhookContext(ctx.orgId)),
    ],
  );
  await recordAudit(ctx, {
    action: "stripe.connected",
    targetType: "stripe",
    targetId: ctx.orgId,
    metadata: { keyHint: hint },
  });
  return { connected: true as const, keyHint: hint };
}

export async function disconnectStripe(ctx: OrgContext) {
  await pgPool().query(
    `UPDATE chargeback_settings SET "stripeKeyEncrypted" = NULL, "stripeKeyHint" = NULL, "stripeWebhookSecretEncrypted" = NULL,
       "stripeConnectedAt" = NULL, "updatedAt" = now() WHERE "orgId" = $1`,
    [ctx.orgId],
  );
  await recordAudit(ctx, { action: "stripe.disconnected", targetType: "stripe", targetId: ctx.orgId });
}

/** The decrypted secrets (server side only), or null when Stripe is not connected. */
export async function stripeSecrets(orgId: string): Promise<{ secretKey: string; webhookSecret: string } | null> {
  const { rows } = await pgPool().query<{ k: string | null; w: string | null }>(
    `SELECT "stripeKeyEncrypted" AS k, "stripeWebhookSecretEncrypted" AS w FROM chargeback_settings WHERE "orgId" = $1`,
    [orgId],
  );
  const r = rows[0];
  if (!r?.k || !r.w) return null;
  return { secretKey: decryptSecret(r.k, keyContext(orgId)), webhookSecret: decryptSecret(r.w, webhookContext(orgId)) };
}

export async function requireStripe(orgId: string) {
  const s = await stripeSecrets(orgId);
  if (!s) throw new AppError("conflict", "Connect Stripe first", [{ path: "stripe", message: "not connected" }]);
  return s;
}
