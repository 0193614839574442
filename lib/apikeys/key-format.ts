import { createHash, randomBytes } from "node:crypto";

export const KEY_PREFIX = "br_live_";
const VISIBLE_CHARS = 12; // "br_live_" + 4 chars of the secret, shown in lists

/** A new API key: the secret is returned once and only its SHA-256 is stored. */
export function generateApiKey(): { secret: string; prefix: string; hash: string } {
  const secret = KEY_PREFIX + randomBytes(24).toString("base64url");
  return { secret, prefix: visiblePrefix(secret), hash: hashApiKey(secret) };
}

export function visiblePrefix(secret: string): string {
  return secret.slice(0, VISIBLE_CHARS);
}

// API keys carry 192 bits of entropy, so a fast hash is safe to store and to look up by.
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
