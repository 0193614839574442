import { createHmac } from "node:crypto";
import { webhookSecretKey } from "./webhook-secret";

/**
 * The Standard Webhooks headers of one attempt: `webhook-signature` is `v1,` + base64
 * HMAC-SHA256 of `id.timestamp.body` for each secret (space-separated while a rotation is on).
 */
export function signWebhook(
  secrets: string[],
  msgId: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  const signed = `${msgId}.${timestampSeconds}.${body}`;
  const signatures = secrets.map(
    (s) => `v1,${createHmac("sha256", webhookSecretKey(s)).update(signed).digest("base64")}`,
  );
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": signatures.join(" "),
  };
}
