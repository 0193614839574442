import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

const PREFIX = "whsec_";

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

/** The HMAC key of a `whsec_…` secret: its base64-decoded part. */
export function webhookSecretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

const context = (orgId: string) => `${orgId}/webhook-secret`;
export const sealWebhookSecret = (orgId: string, secret: string) => encryptSecret(secret, context(orgId));
export const openWebhookSecret = (orgId: string, sealed: string) => decryptSecret(sealed, context(orgId));
