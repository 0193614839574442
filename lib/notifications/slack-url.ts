import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

const context = (orgId: string) => `${orgId}/slack-webhook-url`;
export const sealSlackUrl = (orgId: string, url: string) => encryptSecret(url, context(orgId));
export const openSlackUrl = (orgId: string, sealed: string) => decryptSecret(sealed, context(orgId));
