import { openWebhookSecret } from "./webhook-secret";

type EndpointSecrets = {
  orgId: string;
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
};

/** The secrets that sign now: the current one, and the previous one until its rotation expires. */
export function signingSecrets(endpoint: EndpointSecrets, now: Date): string[] {
  const secrets = [openWebhookSecret(endpoint.orgId, endpoint.secretEncrypted)];
  if (endpoint.previousSecretEncrypted && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(openWebhookSecret(endpoint.orgId, endpoint.previousSecretEncrypted));
  }
  return secrets;
}
