import { hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

let cached: { source: string; key: Buffer } | undefined;

/**
 * The 32-byte key that encrypts stored secrets: BURNRATE_ENCRYPTION_KEY (base64) when set, else
 * HKDF-SHA256 of NEXTAUTH_SECRET (so changing NEXTAUTH_SECRET without setting this key makes
 * stored Slack URLs and webhook secrets unreadable).
 */
export function encryptionKey(): Buffer {
  const e = env();
  const source = e.BURNRATE_ENCRYPTION_KEY ?? e.NEXTAUTH_SECRET;
  if (cached?.source === source) return cached.key;
  const key = e.BURNRATE_ENCRYPTION_KEY
    ? Buffer.from(e.BURNRATE_ENCRYPTION_KEY, "base64")
    : Buffer.from(hkdfSync("sha256", e.NEXTAUTH_SECRET, "burnrate", "burnrate secret encryption v1", 32));
  cached = { source, key };
  return key;
}
