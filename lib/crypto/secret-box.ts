import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { encryptionKey } from "./encryption-key";

const PREFIX = "v1.";

/**
 * AES-256-GCM with a random 96-bit nonce: `v1.` + base64(nonce | tag | ciphertext). `context`
 * (e.g. `orgId/webhook-secret`) is authenticated data, so a ciphertext copied to another row,
 * organisation or purpose does not decrypt.
 */
export function encryptSecret(plaintext: string, context: string, key = encryptionKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64");
}

/** The plaintext of `encryptSecret`; throws when the key, context or ciphertext do not match. */
export function decryptSecret(sealed: string, context: string, key = encryptionKey()): string {
  if (!sealed.startsWith(PREFIX)) throw new Error("unknown secret format");
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
