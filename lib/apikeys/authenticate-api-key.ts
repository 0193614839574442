import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { hashApiKey, KEY_PREFIX } from "./key-format";

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves a presented secret to its key; null when unknown or revoked. No cache:
 * a revoked key is refused on the very next request.
 */
export async function authenticateApiKey(secret: string) {
  if (!secret.startsWith(KEY_PREFIX) || secret.length > 200) return null;
  const key = await db().apiKey.findUnique({
    where: { keyHash: hashApiKey(secret) },
    select: {
      id: true,
      orgId: true,
      name: true,
      scopes: true,
      revokedAt: true,
      lastUsedAt: true,
      defaultAttribution: true,
      // Stryker disable next-line ObjectLiteral: equivalent, `org: {}` selects every column, these two included (docs/mutation.md)
      org: { select: { slug: true, allowBackfill: true } },
    },
  });
  if (!key || key.revokedAt) return null;
  // Stryker disable next-line EqualityOperator: equivalent, exactly 60,000 ms apart cannot be timed (docs/mutation.md)
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Stryker disable next-line all: equivalent, it only logs a failed lastUsedAt write (docs/mutation.md)
    const warn = (err: unknown) => log.warn({ err, apiKeyId: key.id }, "could not record lastUsedAt");
    db()
      .apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } })
      .catch(warn);
  }
  return key;
}
