import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { UserTokenKind } from "@/lib/db/generated/enums";

export const TOKEN_TTL_MINUTES: Record<UserTokenKind, number> = { verify_email: 3 * 24 * 60, reset_password: 60 };

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new one-time token for the user (192 bits; only its hash is stored); earlier unused ones of its kind end. */
export async function issueUserToken(userId: string, kind: UserTokenKind): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db().$transaction([
    db().userToken.updateMany({ where: { userId, kind, usedAt: null }, data: { usedAt: new Date() } }),
    db().userToken.create({
      data: {
        userId,
        kind,
        tokenHash: hash(token),
        expiresAt: new Date(Date.now() + TOKEN_TTL_MINUTES[kind] * 60_000),
      },
    }),
  ]);
  return token;
}

/** Uses a token once: the user id it was issued to, or null when unknown, used, expired or of another kind. */
export async function consumeUserToken(token: string, kind: UserTokenKind): Promise<string | null> {
  if (token.length > 100) return null;
  const row = await db().userToken.findUnique({ where: { tokenHash: hash(token) } });
  if (!row || row.kind !== kind) return null;
  const used = await db().userToken.updateMany({
    where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  return used.count === 1 ? row.userId : null;
}

/** The user of a valid, unused token (without using it up), or null. */
export async function userOfToken(token: string, kind: UserTokenKind): Promise<{ id: string; email: string } | null> {
  if (token.length > 100) return null;
  const row = await db().userToken.findUnique({
    where: { tokenHash: hash(token) },
    include: { user: { select: { id: true, email: true } } },
  });
  if (!row || row.kind !== kind || row.usedAt || row.expiresAt <= new Date()) return null;
  return row.user;
}
